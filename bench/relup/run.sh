#!/usr/bin/env bash
# Times reltool's relup against systools:make_relup (when erl is installed) on 100 apps / 10,000 modules.
# Prints read / translate / format (median of 7), CPU, GC pause and MB allocated per round.
# Measured on 2 shared cores, load average 4.7: 314 ms median (read 78, translate 119, format 112), 185 MB;
# systools 4,731 ms. Before the perf branch, in the same sitting: read + translate alone 398-563 ms
# (the old bench did not time format), 277 MB with format.
# Usage: bench/relup/run.sh [DIR]   (DIR: where to generate the files; default a new temp dir)
set -euo pipefail
cd "$(dirname "$0")"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
dotnet build -c Release -nodeReuse:false RelTool.Bench.Relup.csproj >/dev/null
dotnet run -c Release --no-build --project RelTool.Bench.Relup.csproj -- "$@"
