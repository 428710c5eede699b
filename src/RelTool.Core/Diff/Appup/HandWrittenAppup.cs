using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Diff.Appup;

/// <summary>
/// A hand-written appup, which replaces the generated one: rel/appups/&lt;App&gt;/&lt;From&gt;-&lt;To&gt;.appup
/// in the project (the --appups directory), else &lt;App&gt;.appup shipped in the new application directory.
/// </summary>
public static class HandWrittenAppup
{
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
    /// Checks that the file parses as an appup (every instruction as systools accepts it), that it is for
    /// <paramref name="newVersion"/>, that an up and a down key match <paramref name="oldVersion"/> (a string
    /// exactly, a binary as a regexp matching the whole version), and that module instructions name modules
    /// of the application.
    /// </summary>
    /// <returns>The file's text.</returns>
    /// <exception cref="AppupValidationException"/>
    public static string Validate(string path, string oldVersion, string newVersion, IReadOnlySet<string> modules)
    {
        var text = File.ReadAllText(path);
        AppupFile appup;
        try
        {
            appup = AppupFile.Parse(TermReader.Parse(text, path), path);
        }
        catch (TermSyntaxException e)
        {
            throw new AppupValidationException(path, $"does not parse: {e.Problem}", e.Line, e.Column, e);
        }
        catch (ManifestException e)
        {
            throw new AppupValidationException(path, e.Problem, e.Line, e.Column, e);
        }
        if (appup.Vsn != newVersion)
            throw new AppupValidationException(path, $"is for version \"{appup.Vsn}\", but the application's new version is \"{newVersion}\"");
        if (appup.FindUpFrom(oldVersion) is null)
            throw new AppupValidationException(path, $"has no upgrade from \"{oldVersion}\" (keys: {Keys(appup.UpFrom)})");
        if (appup.FindDownTo(oldVersion) is null)
            throw new AppupValidationException(path, $"has no downgrade to \"{oldVersion}\" (keys: {Keys(appup.DownTo)})");
        foreach (var instruction in appup.UpFrom.Concat(appup.DownTo).SelectMany(e => e.Instructions).OfType<IModuleDependent>())
            if (!modules.Contains(instruction.Module))
                throw new AppupValidationException(path,
                    $"{TermPrinter.Flat(((Instruction)instruction).ToTerm())} names unknown module {instruction.Module} (the application has: {string.Join(", ", modules.Order(StringComparer.Ordinal))})");
        return text;
    }

    private static string Keys(IEnumerable<AppupEntry> entries) => string.Join(", ", entries.Select(e => e.Version.ToString())) is { Length: > 0 } k ? k : "none";
}
