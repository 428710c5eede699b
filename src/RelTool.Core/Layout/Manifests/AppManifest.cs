using RelTool.Formats.Terms;

namespace RelTool.Core.Layout.Manifests;

/// <summary>
/// lib/&lt;App&gt;-&lt;Vsn&gt;/&lt;App&gt;.app, as OTP's application resource file:
/// <c>{application,'App',[{description,..},{vsn,..},{modules,[..]},{registered,[]},{applications,[..]},{mod,{'App',[]}}]}.</c>
/// (mod only for the entry application).
/// </summary>
public static class AppManifest
{
    public static string FileName(PackagedApplication application) => application.Name + ".app";

    public static Term ToTerm(PackagedApplication application)
    {
        var properties = new List<Term>
        {
            Erl.Tuple(Erl.Atom("description"), Erl.Str(Description(application))),
            Erl.Tuple(Erl.Atom("vsn"), Erl.Str(application.Version)),
            Erl.Tuple(Erl.Atom("modules"), Erl.List(application.Modules.Select(m => (Term)Erl.Atom(m)))),
            Erl.Tuple(Erl.Atom("registered"), Erl.Nil),
            Erl.Tuple(Erl.Atom("applications"), Erl.List(application.Dependencies.Select(d => (Term)Erl.Atom(d)))),
        };
        if (application.IsEntry)
            properties.Add(Erl.Tuple(Erl.Atom("mod"), Erl.Tuple(Erl.Atom(application.Name), Erl.Nil)));
        return Erl.Tuple(Erl.Atom("application"), Erl.Atom(application.Name), Erl.List(properties));
    }

    public static string Format(PackagedApplication application) => ConsultFile.FormatTerms(ToTerm(application));

    private static string Description(PackagedApplication application) => application.Kind switch
    {
        ApplicationKind.Project => $"{application.Name} (project)",
        ApplicationKind.Package => $"{application.Name} (NuGet package)",
        _ => $"{application.Name} (reltool launcher)",
    };
}
