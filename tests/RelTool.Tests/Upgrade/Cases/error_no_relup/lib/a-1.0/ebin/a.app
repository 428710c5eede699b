{application, a,
 [{description, "a"},
  {vsn, "1.0"},
  {modules, [m1, m2, m3, sup]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
