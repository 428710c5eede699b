{application, base,
 [{description, "base"},
  {vsn, "2"},
  {modules, [b]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
