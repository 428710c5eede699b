{application, top,
 [{description, "top"},
  {vsn, "2"},
  {modules, [t]},
  {registered, []},
  {applications, [kernel, mid]}]}.
