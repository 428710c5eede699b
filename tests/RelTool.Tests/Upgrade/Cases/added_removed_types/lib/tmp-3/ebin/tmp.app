{application, tmp,
 [{description, "tmp"},
  {vsn, "3"},
  {modules, []},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
