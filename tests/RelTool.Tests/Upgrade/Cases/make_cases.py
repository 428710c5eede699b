#!/usr/bin/env python3
"""Writes the input files (old/*.rel, new/*.rel, lib/*/ebin/*.app, *.appup, options) of reltool's own relup cases.
regen.sh then asks the real systools:make_relup for each case's expected output."""
import os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
CORE = [("kernel", "8.5.3", []), ("stdlib", "4.2", ["kernel"]), ("sasl", "4.2", ["kernel", "stdlib"])]

def rel(name, vsn, apps, erts="13.1.5", core=CORE):
    entries = [f'{{{a}, "{v}"}}' for a, v, _ in core]
    for a in apps:
        if len(a) == 2: entries.append(f'{{{a[0]}, "{a[1]}"}}')
        else: entries.append(f'{{{a[0]}, "{a[1]}", {a[2]}}}')
    return f'{{release, {{"{name}", "{vsn}"}}, {{erts, "{erts}"}},\n [' + ",\n  ".join(entries) + "]}.\n"

def app(name, vsn, mods, uses=("kernel", "stdlib")):
    return (f'{{application, {name},\n [{{description, "{name}"}},\n  {{vsn, "{vsn}"}},\n  {{modules, [{", ".join(mods)}]}},\n'
            f'  {{registered, []}},\n  {{applications, [{", ".join(uses)}]}}]}}.\n')

def case(name, old, new, apps, appups, options="", core=CORE):
    d = os.path.join(HERE, name)
    shutil.rmtree(d, ignore_errors=True)
    for sub in ("old", "new"): os.makedirs(os.path.join(d, sub))
    for fname, text in old: open(os.path.join(d, "old", fname), "w").write(text)
    fname, text = new
    open(os.path.join(d, "new", fname), "w").write(text)
    for a, v, deps in core:
        write_app(d, a, v, app(a, v, [], deps))
    for (a, v), spec in apps.items():
        mods, uses = spec if isinstance(spec, tuple) else (spec, ("kernel", "stdlib"))
        write_app(d, a, v, app(a, v, mods, uses))
    for (a, v), text in appups.items():
        open(os.path.join(d, "lib", f"{a}-{v}", "ebin", f"{a}.appup"), "w").write(text)
    if options: open(os.path.join(d, "options"), "w").write(options + "\n")

def write_app(d, a, v, text):
    ebin = os.path.join(d, "lib", f"{a}-{v}", "ebin")
    os.makedirs(ebin, exist_ok=True)
    open(os.path.join(ebin, f"{a}.app"), "w").write(text)

def appup(vsn, up, down):
    fmt = lambda es: "[" + ",\n  ".join(f"{{{k}, [{', '.join(i)}]}}" for k, i in es) + "]"
    return f'{{"{vsn}",\n {fmt(up)},\n {fmt(down)}}}.\n'

def simple(name, up, down, mods=("m1", "m2", "m3", "sup"), options="", key='"1.0"', new_mods=None, old_mods=None):
    case(name, [("r.rel", rel("r", "1", [("a", "1.0")]))], ("r.rel", rel("r", "2", [("a", "1.1")])),
         {("a", "1.0"): list(old_mods or mods), ("a", "1.1"): list(new_mods or mods)},
         {("a", "1.1"): appup("1.1", [(key, up)], [(key, down)])}, options)

simple("update_forms",
       ["{update, m1}", "{update, m2, soft, [m1]}", "{update, m3, {advanced, x}, soft_purge, brutal_purge, []}",
        "{update, sup, supervisor}"],
       ["{update, m1, [m2]}", "{update, m2, 5000, {advanced, [y]}, brutal_purge, soft_purge, []}",
        "{update, m3, static, infinity, {advanced, z}, soft_purge, soft_purge, []}", "{update, sup, supervisor}"])
simple("load_add_delete",
       ["{load_module, m1, soft_purge, soft_purge, []}", "{add_module, m4, [m1]}", "{delete_module, m3}"],
       ["{load_module, m1, soft_purge, brutal_purge, [m3]}", "{delete_module, m4}", "{add_module, m3}"],
       old_mods=("m1", "m2", "m3"), new_mods=("m1", "m2", "m4"))
simple("apply_before_pnr",
       ['{load_object_code, {a, "1.1", [m2]}}', "{apply, {io, format, [\"hi\"]}}", "point_of_no_return",
        "{load, {m2, brutal_purge, brutal_purge}}", "{load_module, m1}", "{apply, {a, after_load, []}}"],
       ["{apply, {a, before, []}}", "point_of_no_return", "{load_module, m1}", "restart_emulator"])
simple("restart_application", ["{restart_application, a}"], ["{restart_application, a}"],
       old_mods=("m1", "m2"), new_mods=("m1", "m3"))
simple("restart_emulator_option", ["{load_module, m1}"], ["{load_module, m1}"], options="restart_emulator")
simple("cycle", ["{load_module, m1, [m2]}", "{load_module, m2, [m3]}", "{load_module, m3, [m1]}", "{update, sup, {advanced, []}, [m1]}"],
       ["{load_module, m3, [m1]}", "{load_module, m1, [m2]}", "{load_module, m2, [m3]}"])
simple("diamond", ["{load_module, s, [q, r]}", "{load_module, q, [t]}", "{load_module, r, [t]}", "{load_module, t}"],
       ["{load_module, t}", "{load_module, r, [t]}", "{load_module, q, [t]}", "{load_module, s, [q, r]}"],
       mods=("s", "q", "r", "t"))
open(os.path.join(HERE, "diamond", "unordered"), "w").write("q r\n")
simple("nested_script", ["[{load_module, m1, brutal_purge, brutal_purge, []}]", "{load_module, m2}"], ["{load_module, m1}"])
simple("regexp_keys", ["{load_module, m1}"], ["{load_module, m2}"], key='<<"1\\\\.0|1\\\\.0\\\\.1">>')
case("regexp_first_match", [("r.rel", rel("r", "1", [("a", "1.0.1")]))], ("r.rel", rel("r", "2", [("a", "1.1")])),
     {("a", "1.0.1"): ["m1", "m2"], ("a", "1.1"): ["m1", "m2"]},
     {("a", "1.1"): appup("1.1", [('<<"1\\\\.0|1\\\\.0\\\\.1">>', ["{load_module, m1}"]), ('<<"1\\\\.0\\\\..*">>', ["{load_module, m2}"])],
                               [('<<"1\\\\.0\\\\..*">>', ["{load_module, m2}"])])})
simple("bad_vsn", ["{load_module, m1}"], ["{load_module, m1}"])
open(os.path.join(HERE, "bad_vsn", "lib", "a-1.1", "ebin", "a.appup"), "w").write(appup("1.0.9", [('"1.0"', ["{load_module, m1}"])], [('"1.0"', ["{load_module, m1}"])]))
simple("warnings_as_errors", ["{load_module, m1}"], ["{load_module, m1}"], options="warnings_as_errors")
open(os.path.join(HERE, "warnings_as_errors", "lib", "a-1.1", "ebin", "a.appup"), "w").write(appup("1.0.9", [('"1.0"', ["{load_module, m1}"])], [('"1.0"', ["{load_module, m1}"])]))
simple("error_muldef", ["{load_module, m1}", "{update, m1}"], ["{load_module, m1}"])
simple("error_undef", ["{load_module, m1, [nope]}"], ["{load_module, m1}"])
simple("error_no_such_module", ["{add_module, ghost}"], ["{load_module, m1}"])
simple("error_no_relup", ["{load_module, m1}"], ["{load_module, m1}"], key='"0.9"')
simple("error_too_many_pnr", ["point_of_no_return", "{load_module, m1}", "point_of_no_return"], ["{load_module, m1}"])
simple("error_bad_instruction", ["{load_module, m1, bad}"], ["{load_module, m1}"])
simple("error_bad_before_pnr", ["{load_module, m1}", "point_of_no_return"], ["{load_module, m1}"])
simple("error_bad_purge", ["{load_module, m1, rude_purge, brutal_purge, []}"], ["{load_module, m1}"])

case("erts_change", [("r.rel", rel("r", "1", [("a", "1.0")], erts="13.1.4"))], ("r.rel", rel("r", "2", [("a", "1.1")])),
     {("a", "1.0"): ["m1"], ("a", "1.1"): ["m1"]},
     {("a", "1.1"): appup("1.1", [('"1.0"', ["{load_module, m1}", "restart_emulator"])], [('"1.0"', ["{load_module, m1}"])])},
     options="restart_emulator")
PRE_R15 = [("kernel", "8.5.3", []), ("stdlib", "4.2", ["kernel"]), ("sasl", "2.1", ["kernel", "stdlib"])]
case("pre_r15_sasl", [("r.rel", rel("r", "1", [("a", "1.0")], erts="5.8", core=PRE_R15))], ("r.rel", rel("r", "2", [("a", "1.1")])),
     {("a", "1.0"): ["m1"], ("a", "1.1"): ["m1"], ("sasl", "2.1"): ([], ("kernel", "stdlib"))},
     {("a", "1.1"): appup("1.1", [('"1.0"', ["{load_module, m1}"])], [('"1.0"', ["{load_module, m1}"])]),
      ("sasl", "4.2"): appup("4.2", [('"2.1"', [])], [('"2.1"', [])])},
     options="restart_emulator")
case("added_removed_types",
     [("r.rel", rel("r", "1", [("a", "1.0"), ("gone", "1.0"), ("gone2", "0.1", "load")]))],
     ("r.rel", rel("r", "2", [("a", "1.0"), ("lib_none", "1.0", "none"), ("lib_load", "2.0", "load"), ("tr", "1.0", "transient"), ("tmp", "3", "temporary")])),
     {("a", "1.0"): ["m1"], ("gone", "1.0"): ["g1", "g2"], ("gone2", "0.1"): ["g3"], ("lib_none", "1.0"): ["n1"],
      ("lib_load", "2.0"): ["l1", "l2"], ("tr", "1.0"): ["t1"], ("tmp", "3"): []}, {})
case("app_dependency_order",
     [("r.rel", rel("r", "1", [("top", "1"), ("mid", "1"), ("base", "1")]))],
     ("r.rel", rel("r", "2", [("top", "2"), ("mid", "2"), ("base", "2")])),
     {("top", "1"): (["t"], ("kernel", "mid")), ("mid", "1"): (["m"], ("kernel", "base")), ("base", "1"): ["b"],
      ("top", "2"): (["t"], ("kernel", "mid")), ("mid", "2"): (["m"], ("kernel", "base")), ("base", "2"): ["b"]},
     {("top", "2"): appup("2", [('"1"', ["{load_module, t, [m]}"])], [('"1"', ["{load_module, t, [m]}"])]),
      ("mid", "2"): appup("2", [('"1"', ["{update, m, {advanced, []}, [b]}"])], [('"1"', ["{update, m, {advanced, []}, [b]}"])]),
      ("base", "2"): appup("2", [('"1"', ["{load_module, b}"])], [('"1"', ["{load_module, b}"])])})
case("multi_base",
     [("r1.rel", rel("r", "1", [("a", "1.0")])), ("r2.rel", rel("r", "2", [("a", "1.1"), ("x", "1")])),
      ("r3.rel", rel("r", "3", [("a", "1.2")], erts="13.1.4"))],
     ("r4.rel", rel("r", "4", [("a", "2.0")])),
     {("a", "1.0"): ["m1"], ("a", "1.1"): ["m1", "m2"], ("a", "1.2"): ["m1", "m2"], ("a", "2.0"): ["m1", "m2", "m3"], ("x", "1"): ["x1"]},
     {("a", "2.0"): appup("2.0",
         [('"1.0"', ["{add_module, m2}", "{add_module, m3}", "{load_module, m1}"]), ('<<"1\\\\.[12]">>', ["{add_module, m3, [m1]}", "{update, m1, {advanced, old}}"])],
         [('"1.0"', ["{delete_module, m2}", "{delete_module, m3}", "{load_module, m1}"]), ('<<"1\\\\.[12]">>', ["{delete_module, m3}", "{update, m1, {advanced, old}}"])])})
