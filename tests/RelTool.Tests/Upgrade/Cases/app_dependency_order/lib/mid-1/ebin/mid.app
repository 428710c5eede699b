{application, mid,
 [{description, "mid"},
  {vsn, "1"},
  {modules, [m]},
  {registered, []},
  {applications, [kernel, base]}]}.
