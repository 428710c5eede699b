using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Diff.Appup;

/// <summary>
/// A hand-written appup, which replaces the generated one: rel/appups/&lt;App&gt;/&lt;From&gt;-&lt;To&gt;.appup
/// in the project (the --appups directory), else &lt;App&gt;.appup shipped in the new application directory.
/// </summary>
public static class HandWrittenAppup
{
    private static readonly HashSet<string> ModuleInstructions = ["add_module", "delete_module", "load_module", "update"];

    public static string? Find(string? appupsDirectory, string application, string newAppDirectory, string oldVersion, string newVersion)
    {
        if (appupsDirectory is not null)
        {
            var project = Path.Combine(appupsDirectory, application, $"{oldVersion}-{newVersion}.appup");
            if (File.Exists(project)) return project;
        }
        var shipped = Path.Combine(newAppDirectory, application + ".appup");
        return File.Exists(shipped) ? shipped : null;
    }

    /// <summary>
    /// Checks that the file parses as {"NewVsn", [{UpFrom, Instrs}], [{DownTo, Instrs}]}, that NewVsn is
    /// <paramref name="newVersion"/>, that an up and a down key match <paramref name="oldVersion"/> (a string
    /// exactly, a binary as an anchored regexp), and that module instructions name modules of the application.
    /// </summary>
    /// <returns>The file's text.</returns>
    /// <exception cref="AppupValidationException"/>
    public static string Validate(string path, string oldVersion, string newVersion, IReadOnlySet<string> modules)
    {
        var text = File.ReadAllText(path);
        ImmutableArray<Term> terms;
        try
        {
            terms = TermReader.Parse(text, path);
        }
        catch (TermSyntaxException e)
        {
            throw new AppupValidationException(path, $"does not parse: line {e.Line}, column {e.Column}: {e.Problem}", e);
        }
        if (terms.Length != 1 || terms[0] is not ErlTuple { Arity: 3 } appup)
            throw new AppupValidationException(path, "expected one term {\"NewVsn\", [{UpFromVsn, Instructions}], [{DownToVsn, Instructions}]}");
        var vsn = Erl.TextOf(appup[0]);
        if (vsn != newVersion)
            throw new AppupValidationException(path, $"is for version {Show(appup[0])}, but the application's new version is \"{newVersion}\"");
        CheckDirection(path, appup[1], "upgrade from", oldVersion, modules);
        CheckDirection(path, appup[2], "downgrade to", oldVersion, modules);
        return text;
    }

    private static void CheckDirection(string path, Term entries, string direction, string oldVersion, IReadOnlySet<string> modules)
    {
        if (entries is not ErlList { IsProper: true } list)
            throw new AppupValidationException(path, $"the {direction} list is not a list: {Show(entries)}");
        var matched = false;
        foreach (var entry in list.Elements)
        {
            if (entry is not ErlTuple { Arity: 2 } pair || pair[1] is not ErlList { IsProper: true } instructions)
                throw new AppupValidationException(path, $"{direction} entry {Show(entry)} is not {{Vsn, [Instructions]}}");
            matched |= KeyMatches(path, pair[0], oldVersion);
            foreach (var instruction in instructions.Elements) CheckInstruction(path, instruction, modules);
        }
        if (!matched)
            throw new AppupValidationException(path, $"has no {direction} \"{oldVersion}\" (keys: {string.Join(", ", list.Elements.Select(e => Show(((ErlTuple)e)[0])))})");
    }

    private static bool KeyMatches(string path, Term key, string version)
    {
        if (Erl.TextOf(key) is { } exact) return exact == version;
        if (key is ErlBinary binary)
        {
            var pattern = Encoding.UTF8.GetString(binary.Bytes.AsSpan());
            try
            {
                return Regex.IsMatch(version, "^(?:" + pattern + ")$", RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new AppupValidationException(path, $"version pattern <<\"{pattern}\">> is not a valid regexp: {e.Message}", e);
            }
        }
        throw new AppupValidationException(path, $"version key {Show(key)} is neither a string nor a binary regexp");
    }

    private static void CheckInstruction(string path, Term instruction, IReadOnlySet<string> modules)
    {
        if (instruction is ErlAtom) return;
        if (instruction is not ErlTuple { Arity: >= 1 } tuple || tuple[0] is not ErlAtom kind)
            throw new AppupValidationException(path, $"instruction {Show(instruction)} is neither an atom nor a tuple starting with one");
        if (!ModuleInstructions.Contains(kind.Name)) return;
        if (tuple.Arity < 2 || tuple[1] is not ErlAtom module)
            throw new AppupValidationException(path, $"instruction {Show(instruction)} does not name a module");
        if (!modules.Contains(module.Name))
            throw new AppupValidationException(path, $"instruction {Show(instruction)} names unknown module {Show(module)} (the application has: {string.Join(", ", modules.Order(StringComparer.Ordinal))})");
    }

    private static string Show(Term term) => TermPrinter.Flat(term);
}
