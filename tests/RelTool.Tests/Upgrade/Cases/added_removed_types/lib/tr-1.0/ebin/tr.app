{application, tr,
 [{description, "tr"},
  {vsn, "1.0"},
  {modules, [t1]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
