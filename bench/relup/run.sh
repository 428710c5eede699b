#!/usr/bin/env bash
# Times reltool's relup against systools:make_relup (when erl is installed) on 100 apps / 10,000 modules.
# Usage: bench/relup/run.sh [DIR]   (DIR: where to generate the files; default a new temp dir)
set -euo pipefail
cd "$(dirname "$0")"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
dotnet build -c Release -nodeReuse:false RelTool.Bench.Relup.csproj >/dev/null
dotnet run -c Release --no-build --project RelTool.Bench.Relup.csproj -- "$@"
