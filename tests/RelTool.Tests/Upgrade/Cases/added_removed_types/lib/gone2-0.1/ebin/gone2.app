{application, gone2,
 [{description, "gone2"},
  {vsn, "0.1"},
  {modules, [g3]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
