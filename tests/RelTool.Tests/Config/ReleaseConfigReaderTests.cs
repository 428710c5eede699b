using RelTool.Core.Config;
using RelTool.Formats.Manifests;

namespace RelTool.Tests.Config;

public class ReleaseConfigReaderTests
{
    private const string File = "/p/rel/config.yaml";

    private static ReleaseConfig Parse(string yaml) => ReleaseConfigReader.Parse(yaml, File, "/p");

    private static ConfigException Error(string yaml) => Assert.Throws<ConfigException>(() => Parse(yaml));

    [Fact]
    public void Reads_releases_environments_overlays_hooks_and_properties()
    {
        var config = Parse("""
            default_release: kv
            default_environment: staging
            releases:
              kv:
                project: src/Kv/Kv.csproj
                version: 1.4.0
                overlays:
                  - copy: rel/etc
                    to: etc
                  - mkdir: var/data
                  - template: rel/vm.args
                    to: releases/{{rel_vsn}}/vm.args
                hooks:
                  pre_start: rel/hooks/pre.sh
                  post_upgrade: rel/hooks/up.sh
                properties:
                  InvariantGlobalization: true
            environments:
              staging:
                include_runtime: false
                runtime_identifier: linux-arm64
              dev:
                properties:
                  Foo: bar
            """);
        Assert.Equal("kv", config.DefaultRelease);
        var kv = Assert.Single(config.Releases);
        Assert.Equal(("src/Kv/Kv.csproj", "1.4.0"), (kv.Project, kv.Version));
        Assert.Equal<Overlay>(
            [new Overlay(OverlayKind.Copy, "rel/etc", "etc", 8, 9), new Overlay(OverlayKind.Mkdir, null, "var/data", 10, 9), new Overlay(OverlayKind.Template, "rel/vm.args", "releases/{{rel_vsn}}/vm.args", 11, 9)],
            kv.Overlays.ToArray());
        Assert.Equal("rel/hooks/up.sh", kv.Hooks[HookKind.PostUpgrade]);
        Assert.Equal("true", kv.Properties["InvariantGlobalization"]);
        // A new environment starts from prod's settings; a redefined built-in keeps what it does not change.
        Assert.Equal(new EnvironmentDefinition("staging", "Release", false, "linux-arm64", config.Environments["staging"].Properties), config.Environments["staging"]);
        Assert.Equal(("Debug", false, "bar"), (config.Environments["dev"].Configuration, config.Environments["dev"].IncludeRuntime, config.Environments["dev"].Properties["Foo"]));
        Assert.True(config.Environments["prod"].IncludeRuntime);
    }

    [Fact]
    public void An_empty_file_is_the_defaults()
    {
        var config = Parse("# nothing yet\n");
        Assert.Empty(config.Releases);
        Assert.Equal("prod", config.DefaultEnvironment);
        Assert.Equal(["dev", "prod"], config.Environments.Keys.Order());
    }

    [Fact]
    public void Unknown_key_names_its_position_and_the_valid_keys()
    {
        var e = Error("releases:\n  kv:\n    projcet: Kv.csproj\n");
        Assert.Equal((3, 5), (e.Line, e.Column));
        Assert.Equal($"{File}:3:5: unknown key 'projcet' in releases.kv; valid keys: project, version, output, overlays, hooks, properties, health_url, trusted_keys, runtime_version, commands, log_max_bytes, log_files, image, image_base, image_root, image_user", e.Message);
    }

    [Fact]
    public void Wrong_type_says_what_is_expected()
    {
        var e = Error("environments:\n  prod:\n    include_runtime: sometimes\n");
        Assert.Equal($"{File}:3:22: environments.prod.include_runtime must be true or false, got 'sometimes'", e.Message);
        var list = Error("releases:\n  kv:\n    overlays:\n      copy: a\n");
        Assert.Equal((4, 7), (list.Line, list.Column));
        Assert.Contains("releases.kv.overlays must be a list", list.Message);
    }

    [Fact]
    public void Yaml_syntax_errors_keep_the_parser_position()
    {
        var e = Error("releases:\n  kv:\n    project: [unclosed\n    version: 1\n");
        Assert.StartsWith($"{File}:", e.Message);
        Assert.True(e.Line >= 3, e.Message);
        var indent = Error("releases:\n  kv:\n    project: a\n   version: 1\n");
        Assert.Equal(4, indent.Line);
    }

    [Fact]
    public void Duplicate_keys_are_errors()
    {
        var e = Error("default_environment: dev\ndefault_environment: prod\n");
        Assert.Equal($"{File}:2:1: key 'default_environment' is given twice", e.Message);
    }

    [Fact]
    public void Defaults_must_name_something_defined()
    {
        Assert.Equal($"{File}:1:22: default_environment 'qa' is not an environment; valid choices: dev, prod", Error("default_environment: qa\n").Message);
        Assert.Equal($"{File}:1:18: default_release 'b' is not one of the releases; valid choices: a", Error("default_release: b\nreleases:\n  a: {}\n").Message);
    }

    [Fact]
    public void Overlays_need_one_action_and_a_destination_inside_the_release()
    {
        Assert.Contains("copy needs 'to: <path in the release>'", Error("releases:\n  kv:\n    overlays:\n      - copy: a\n").Message);
        Assert.Contains("needs exactly one of copy, mkdir, template; got copy, mkdir", Error("releases:\n  kv:\n    overlays:\n      - copy: a\n        mkdir: b\n").Message);
        var reserved = Error("releases:\n  kv:\n    overlays:\n      - copy: a\n        to: lib/x\n");
        Assert.Equal((5, 13), (reserved.Line, reserved.Column));
        Assert.Contains("inside 'lib'", reserved.Message);
        Assert.Contains("must be a plain relative path", Error("releases:\n  kv:\n    overlays:\n      - mkdir: ../up\n").Message);
    }

    [Fact]
    public void Unknown_hook_lists_the_hooks()
    {
        var e = Error("releases:\n  kv:\n    hooks:\n      pre_boot: x.sh\n");
        Assert.Equal($"{File}:4:7: unknown key 'pre_boot' in releases.kv.hooks; valid keys: pre_start, post_start, pre_stop, post_stop, pre_upgrade, post_upgrade", e.Message);
    }

    [Fact]
    public void Health_url_is_kept_as_written_and_must_name_http_https_or_tcp()
    {
        Assert.Equal("http://127.0.0.1:${PORT}/healthz", Assert.Single(Parse("releases:\n  kv:\n    health_url: http://127.0.0.1:${PORT}/healthz\n").Releases).HealthUrl);
        Assert.Equal("tcp://localhost:4000", Assert.Single(Parse("releases:\n  kv:\n    health_url: \"tcp://localhost:4000\"\n").Releases).HealthUrl);
        Assert.Null(Assert.Single(Parse("releases:\n  kv:\n    project: Kv.csproj\n").Releases).HealthUrl);
        var e = Error("releases:\n  kv:\n    health_url: localhost:8080/healthz\n");
        Assert.Equal($"{File}:3:17: releases.kv.health_url must start with http://, https:// or tcp://, got 'localhost:8080/healthz'", e.Message);
    }

    [Fact]
    public void Trusted_keys_are_a_list_of_paths()
    {
        Assert.Equal(["rel/keys/ci.pub", "/etc/keys/ops.pub"],
            Assert.Single(Parse("releases:\n  kv:\n    trusted_keys:\n      - rel/keys/ci.pub\n      - /etc/keys/ops.pub\n").Releases).TrustedKeys.ToArray());
        Assert.Empty(Assert.Single(Parse("releases:\n  kv:\n    project: Kv.csproj\n").Releases).TrustedKeys);
        Assert.Contains("releases.kv.trusted_keys", Error("releases:\n  kv:\n    trusted_keys: rel/keys/ci.pub\n").Message);
    }

    [Fact]
    public void Commands_are_eval_or_script_and_may_not_shadow_a_launcher_command()
    {
        var release = Assert.Single(Parse("releases:\n  kv:\n    commands:\n      migrate: {eval: Kv.Db.Migrate}\n      seed:\n        script: rel/commands/seed.sh\n").Releases);
        Assert.Equal(
            [new("migrate", ReleaseCommandKind.Eval, "Kv.Db.Migrate"), new("seed", ReleaseCommandKind.Script, "rel/commands/seed.sh")],
            release.Commands.ToArray());
        var clash = Error("releases:\n  kv:\n    commands:\n      start: {eval: Kv.Db.Migrate}\n");
        Assert.Equal((4, 7), (clash.Line, clash.Column));
        Assert.Contains("command 'start' clashes with the launcher's own start command; choose another name", clash.Message);
        Assert.Contains("releases.kv.commands.migrate.eval must be TYPE.METHOD", Error("releases:\n  kv:\n    commands:\n      migrate: {eval: Migrate}\n").Message);
        Assert.Contains("needs exactly one of eval: TYPE.METHOD or script: PATH", Error("releases:\n  kv:\n    commands:\n      migrate: {eval: A.B, script: x.sh}\n").Message);
        Assert.Contains("unknown key 'run'", Error("releases:\n  kv:\n    commands:\n      migrate: {run: A.B}\n").Message);
        Assert.Contains("command name 'Migrate'", Error("releases:\n  kv:\n    commands:\n      Migrate: {eval: A.B}\n").Message);
    }

    [Fact]
    public void Log_rotation_keys_default_what_is_not_given_and_are_checked()
    {
        Assert.Null(Assert.Single(Parse("releases:\n  kv:\n    project: Kv.csproj\n").Releases).LogRotation);
        Assert.Equal(new LogRotation(4096, 5), Assert.Single(Parse("releases:\n  kv:\n    log_max_bytes: 4096\n").Releases).LogRotation);
        Assert.Equal(new LogRotation(LogRotation.Default.MaxBytes, 2), Assert.Single(Parse("releases:\n  kv:\n    log_files: 2\n").Releases).LogRotation);
        Assert.Contains("releases.kv.log_max_bytes must be a whole number from 1024 up, got '10MB'", Error("releases:\n  kv:\n    log_max_bytes: 10MB\n").Message);
        Assert.Contains("releases.kv.log_files must be a whole number from 1 to 1000, got '0'", Error("releases:\n  kv:\n    log_files: 0\n").Message);
    }

    [Fact]
    public void Release_names_must_be_usable_as_file_names()
    {
        Assert.Contains("release name 'my app'", Error("releases:\n  my app: {}\n").Message);
    }
}
