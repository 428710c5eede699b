{application, base,
 [{description, "base"},
  {vsn, "1"},
  {modules, [b]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
