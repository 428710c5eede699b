{application, a,
 [{description, "a"},
  {vsn, "1.0"},
  {modules, [s, q, r, t]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
