{application, lib_load,
 [{description, "lib_load"},
  {vsn, "2.0"},
  {modules, [l1, l2]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
