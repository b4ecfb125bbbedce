#!/usr/bin/env bash
# Execute every notebook in notebooks/ headless; write executed copies (and HTML with --html)
# into the given output folder. Prints one line per notebook: "PASS name" or "FAIL name".
# Usage: scripts/run-notebooks.sh OUTDIR [--html]
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:?output folder}"
HTML="${2:-}"
mkdir -p "$OUT"
status=0
for nb in "$ROOT"/notebooks/*.ipynb; do
  [ -e "$nb" ] || continue
  name="$(basename "$nb" .ipynb)"
  start=$(date +%s)
  ok=0
  # the Deno kernel occasionally publishes outputs after nbclient has moved on:
  # re-run (at most 3 tries) until no display is missing
  for attempt in 1 2 3; do
    if ! jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=900 \
        --ExecutePreprocessor.iopub_timeout=60 --ExecutePreprocessor.kernel_name=deno \
        --output-dir "$OUT" --output "$name" "$nb" >"$OUT/$name.log" 2>&1; then
      ok=0
      break
    fi
    if python3 "$ROOT/scripts/check_outputs.py" "$OUT/$name.ipynb" >>"$OUT/$name.log" 2>&1; then
      ok=1
      break
    fi
    echo "  $name: outputs dropped by the kernel on try $attempt, re-running" >&2
    ok=2
  done
  if [ "$ok" = "1" ]; then
    if [ -n "$HTML" ]; then
      jupyter nbconvert --to html --output-dir "$OUT" "$OUT/$name.ipynb" >>"$OUT/$name.log" 2>&1 || true
    fi
    echo "PASS notebook $name ($(( $(date +%s) - start ))s)"
  else
    echo "FAIL notebook $name ($(( $(date +%s) - start ))s) — log: $OUT/$name.log"
    tail -n 30 "$OUT/$name.log" | sed 's/^/    /'
    status=1
  fi
done
exit $status
