{application, top,
 [{description, "top"},
  {vsn, "1"},
  {modules, [t]},
  {registered, []},
  {applications, [kernel, mid]}]}.
