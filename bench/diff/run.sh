#!/bin/sh
# Diff benchmark: the digest alone (one thread), then a full diff of two synthetic releases of 50, 500 and 5,000
# assemblies (steady state after a 3 s warm-up; best and median of 7 runs, 3 for 5,000), time per assembly (median) and MB allocated per diff.
# Usage: bench/diff/run.sh [SIZES...]
set -eu
cd "$(dirname "$0")"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
dotnet build -c Release -nodeReuse:false -v quiet -nologo >/dev/null
# Dynamic PGO keeps a method on instrumented code until it has run a while in each new shape of call: the first
# sizes measured would then time instrumentation, not the diff. Off, every size runs the same optimised code.
export DOTNET_TieredPGO=0
exec dotnet bin/Release/net10.0/RelTool.Bench.Diff.dll "$@"
