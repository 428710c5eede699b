using RelTool.Bench.Archive;

// Subcommands run one measured operation each, so that bench/run.sh times whole processes like the peers it compares with.
return args switch
{
    ["sharpziplib", var source, var output] => SharpZipLibTar.Write(source, output),
    ["inprocess", var source, var output, var cache, var changedFile] => InProcessTimings.Run(source, output, cache, changedFile),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: reltool-bench-archive sharpziplib DIR OUT.tar.gz");
    Console.Error.WriteLine("       reltool-bench-archive inprocess DIR OUT.tar.gz CACHE_DIR FILE_TO_CHANGE");
    return 2;
}
