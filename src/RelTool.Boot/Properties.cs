using System.Runtime.Versioning;

// The launcher runs on POSIX hosts only: it is started by a sh script and serves a Unix domain socket.
[assembly: UnsupportedOSPlatform("windows")]
