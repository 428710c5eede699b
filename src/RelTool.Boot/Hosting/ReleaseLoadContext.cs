using System.Reflection;
using System.Runtime.Loader;
using RelTool.Boot.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Boot.Hosting;

/// <summary>
/// Loads the release's assemblies from the boot file's map (simple name + culture → path) and its native libraries
/// from native_dirs. Names not in the map (the shared frameworks, the launcher's own assemblies) fall back to the
/// default context. <see cref="SharedAssemblies"/> load into the default context, so they have one type identity.
/// </summary>
public sealed class ReleaseLoadContext : AssemblyLoadContext
{
    public static readonly IReadOnlySet<string> SharedAssemblies =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ReleaseLayout.RuntimeApplication, typeof(ReleaseLayout).Assembly.GetName().Name! };

    private readonly Dictionary<(string Name, string Culture), string> assemblies;
    private readonly IReadOnlyList<string> nativeDirs;

    public ReleaseLoadContext(ReleaseRoot root, BootFile boot) : base($"release:{boot.ReleaseName}-{boot.ReleaseVersion}")
    {
        assemblies = new Dictionary<(string, string), string>(NameCultureComparer.Instance);
        foreach (var a in boot.Assemblies) assemblies[(a.Name, a.Culture)] = root.Resolve(a.Path);
        nativeDirs = boot.NativeDirs.Select(root.Resolve).ToList();
    }

    /// <summary>
    /// Lets the default context find the release's assemblies by name. Framework code that lives there loads the app's
    /// assemblies with Assembly.Load (ASP.NET Core's hosting startups and MVC's application parts load the entry
    /// assembly by its name), which would otherwise fail.
    /// </summary>
    public void ServeDefaultContext() => Default.Resolving += (_, name) => Load(name);

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name is null || !assemblies.TryGetValue((name.Name, name.CultureName ?? ""), out var path)) return null;
        return SharedAssemblies.Contains(name.Name) ? LoadShared(name.Name, path) : LoadFromAssemblyPath(path);
    }

    private static Assembly LoadShared(string name, string path) =>
        Default.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase))
        ?? Default.LoadFromAssemblyPath(path);

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        if (unmanagedDllName.Contains('/')) return IntPtr.Zero;
        foreach (var fileName in NativeFileNames(unmanagedDllName))
            foreach (var dir in nativeDirs)
            {
                var path = Path.Combine(dir, fileName);
                if (File.Exists(path)) return LoadUnmanagedDllFromPath(path);
            }
        return IntPtr.Zero;
    }

    /// <summary>The file names tried for a DllImport name, in the order the runtime's own probing uses on Linux.</summary>
    public static IEnumerable<string> NativeFileNames(string name)
    {
        var hasSuffix = name.EndsWith(".so", StringComparison.Ordinal) || name.Contains(".so.", StringComparison.Ordinal);
        var hasPrefix = name.StartsWith("lib", StringComparison.Ordinal);
        if (hasSuffix)
        {
            yield return name;
            if (!hasPrefix) yield return "lib" + name;
            yield break;
        }
        if (!hasPrefix) yield return "lib" + name + ".so";
        yield return name + ".so";
        if (!hasPrefix) yield return "lib" + name;
        yield return name;
    }

    private sealed class NameCultureComparer : IEqualityComparer<(string Name, string Culture)>
    {
        public static readonly NameCultureComparer Instance = new();

        public bool Equals((string Name, string Culture) x, (string Name, string Culture) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Name, y.Name) && StringComparer.OrdinalIgnoreCase.Equals(x.Culture, y.Culture);

        public int GetHashCode((string Name, string Culture) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Name), StringComparer.OrdinalIgnoreCase.GetHashCode(key.Culture));
    }
}
