{application, mid,
 [{description, "mid"},
  {vsn, "2"},
  {modules, [m]},
  {registered, []},
  {applications, [kernel, base]}]}.
