#!/usr/bin/env bash
# Regenerates expected.* of reltool's own relup cases with the real systools:make_relup (OTP 25.2.3).
# Usage: ./regen.sh [case ...]   (default: every case made by make_cases.py; the spec cases are copied, not regenerated)
set -euo pipefail
cd "$(dirname "$0")"
python3 make_cases.py
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  for d in */; do d=${d%/}; [ -f "$d/from-spec" ] || cases+=("$d"); done
fi
for c in "${cases[@]}"; do
  [ -f "$c/from-spec" ] && continue
  rm -f "$c/expected.relup" "$c/expected.rc" "$c/expected.stderr" "$c/expected.error" "$c/expected.warnings"
  new=$(ls "$c"/new/*.rel); new=${new%.rel}
  olds=$(ls "$c"/old/*.rel | sort | sed 's/\.rel$//' | awk '{printf "%s\"%s\"", (NR>1?",":""), $0}')
  opts=""
  [ -f "$c/options" ] && for o in $(cat "$c/options"); do opts="$opts, $o"; done
  mkdir -p "$c/out"
  erl -noshell -noinput -eval "
    R = systools:make_relup(\"$new\", [$olds], [$olds], [{path, [\"$c/lib/*/ebin\"]}, {outdir, \"$c/out\"}, silent $opts]),
    case R of
      {ok, _, _, Ws} ->
        file:write_file(\"$c/expected.warnings\", [io_lib:format(\"~w~n\", [if is_atom(W) -> W; true -> element(1, W) end]) || W <- Ws]),
        file:write_file(\"$c/expected.rc\", \"0\n\");
      {error, Mod, Reason} ->
        Name = if is_atom(Reason) -> Reason; is_tuple(Reason) -> element(1, Reason); is_list(Reason) -> error_reading end,
        file:write_file(\"$c/expected.error\", io_lib:format(\"~w~n\", [Name])),
        io:format(standard_error, \"~s: ~ts\", [\"$c\", Mod:format_error(Reason)]),
        file:write_file(\"$c/expected.rc\", \"1\n\")
    end,
    halt()."
  [ -f "$c/out/relup" ] && mv "$c/out/relup" "$c/expected.relup"
  rmdir "$c/out"
  echo "$c: rc $(cat "$c/expected.rc")"
done
