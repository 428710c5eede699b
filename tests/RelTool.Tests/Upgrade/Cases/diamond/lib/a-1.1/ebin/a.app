{application, a,
 [{description, "a"},
  {vsn, "1.1"},
  {modules, [s, q, r, t]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
