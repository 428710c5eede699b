{application, sasl,
 [{description, "sasl"},
  {vsn, "2.1"},
  {modules, []},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
