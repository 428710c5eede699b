using System.CommandLine;
using RelTool.Core.Trust;
using RelTool.Formats.Trust;

namespace RelTool.Commands;

/// <summary>`reltool keygen -o KEY`: a signing key pair for `release --sign-key` and rel/config.yaml's trusted_keys (docs/reltool-release.md).</summary>
public static class KeygenCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "Where to write the private key (PEM, mode 0600); the public key goes to the same path + .pub",
            Required = true,
        };
        var command = new Command("keygen", $"Make a signing key pair ({SignatureAlgorithm.Name}): KEY (private) and KEY.pub (public); never overwrites") { output };
        command.SetAction(parse =>
        {
            var (privateKey, publicKey, fingerprint) = SigningKeys.Generate(parse.GetValue(output)!);
            Console.Out.WriteLine($"wrote {privateKey} (private key: keep it secret, e.g. as a CI secret)");
            Console.Out.WriteLine($"wrote {publicKey} (public key: list it in rel/config.yaml's trusted_keys)");
            Console.Out.WriteLine($"fingerprint {fingerprint}");
            return 0;
        });
        return command;
    }
}
