{application, x,
 [{description, "x"},
  {vsn, "1"},
  {modules, [x1]},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
