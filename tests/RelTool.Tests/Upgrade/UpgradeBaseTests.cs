using RelTool.Core.Release;
using RelTool.Core.Upgrade.Build;

namespace RelTool.Tests.Upgrade;

public class UpgradeBaseTests
{
    [Fact]
    public void A_base_given_twice_is_refused_before_anything_is_read()
    {
        var e = Assert.Throws<ReleaseException>(() => UpgradeBase.FindAll("/nonexistent-output", "kv", "0.2.0", ["0.1.0", "0.1.1", "0.1.0"]));
        Assert.Equal("--upfrom 0.1.0 is given 2 times; name each base release once", e.Message);
    }

    [Fact]
    public void Each_base_is_checked_and_the_error_names_it()
    {
        var output = Directory.CreateTempSubdirectory("reltool-upfrom-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(output, "releases"));
            File.WriteAllText(Path.Combine(output, "releases", "RELEASES"), "%% coding: utf-8\n[{release,\"kv\",\"0.1.0\",\"10.0.0\",[],permanent}].\n");
            var e = Assert.Throws<ReleaseException>(() => UpgradeBase.FindAll(output, "kv", "0.2.0", ["0.1.1"]));
            Assert.Contains("--upfrom 0.1.1", e.Message);
            Assert.Contains("has no release 0.1.1 (it has: kv 0.1.0)", e.Message);
        }
        finally
        {
            Directory.Delete(output, true);
        }
    }
}
