{application, a,
 [{description, "a"},
  {vsn, "1.0"},
  {modules, [m1]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
