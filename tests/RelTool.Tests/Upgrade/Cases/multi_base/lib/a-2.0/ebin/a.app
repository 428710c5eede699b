{application, a,
 [{description, "a"},
  {vsn, "2.0"},
  {modules, [m1, m2, m3]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
