{application, a,
 [{description, "a"},
  {vsn, "1.2"},
  {modules, [m1, m2]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
