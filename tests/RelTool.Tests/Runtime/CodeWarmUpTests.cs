namespace RelTool.Tests.Runtime;

public sealed class CodeWarmUpTests
{
    [Fact]
    public void New_code_is_compiled_for_what_a_pause_and_the_requests_after_it_run_and_not_for_an_applications_start()
    {
        var prepared = KvPlugin.Prepared(KvPlugin.Load("kv-warm-up", KvPluginSource.V2));

        // The server: its constructor and code change (run in the pause) and its callbacks (the requests after it).
        Assert.Contains("KvServer..ctor", prepared);
        Assert.Contains("KvServer.CodeChange", prepared);
        Assert.Contains("KvServer.HandleCall", prepared);
        // The application callback: `load` re-creates it in the pause; its Start and Stop run only when the
        // application starts or stops, so compiling them only lengthened every install.
        Assert.Contains("KvApp..ctor", prepared);
        Assert.DoesNotContain("KvApp.Start", prepared);
        Assert.DoesNotContain("KvApp.Stop", prepared);
    }
}
