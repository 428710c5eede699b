{application, a,
 [{description, "a"},
  {vsn, "1.1"},
  {modules, [m1, m2, m3, sup]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
