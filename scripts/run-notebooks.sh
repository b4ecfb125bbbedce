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
# a Python that has nbclient (Debian's python3-nbclient, or any with `pip install nbclient`)
PY=""
for cand in python3 /usr/bin/python3; do
  if "$cand" -c "import nbclient, nbformat" >/dev/null 2>&1; then PY="$cand"; break; fi
done
if [ -z "$PY" ]; then
  echo "NOTICE: no Python with nbclient: notebooks not executed"
  exit 0
fi
for nb in "$ROOT"/notebooks/*.ipynb; do
  [ -e "$nb" ] || continue
  name="$(basename "$nb" .ipynb)"
  start=$(date +%s)
  ok=0
  # scripts/run_notebook.py is nbclient reading each cell's late outputs (the Deno kernel can
  # report a cell idle before its last output); check_outputs.py still checks for missing ones
  if "$PY" "$ROOT/scripts/run_notebook.py" "$nb" -o "$OUT/$name.ipynb" --cwd "$ROOT/notebooks" \
      >"$OUT/$name.log" 2>&1 &&
    "$PY" "$ROOT/scripts/check_outputs.py" "$OUT/$name.ipynb" >>"$OUT/$name.log" 2>&1; then
    ok=1
  fi
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
