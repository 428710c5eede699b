{application, a,
 [{description, "a"},
  {vsn, "1.1"},
  {modules, [m1, m3]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
