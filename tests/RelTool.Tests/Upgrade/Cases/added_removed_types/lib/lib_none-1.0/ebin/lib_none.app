{application, lib_none,
 [{description, "lib_none"},
  {vsn, "1.0"},
  {modules, [n1]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
