#!/usr/bin/env bash
# Idempotent set-up, sourced by reproduce.sh and test.sh:
#  - a pinned Deno from the npm package `deno`, project-local in .tools/
#  - Debian's OpenBLAS/LAPACKE and Jupyter (nbconvert, nbclient, ipykernel) when running as root
#  - the Deno Jupyter kernel
# Exports DENO (path to the binary), HAVE_JUPYTER (1/0) and NO_COLOR=1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DENO_VERSION="2.9.6"
TOOLS="$ROOT/.tools"
export NO_COLOR=1
export DENO_NO_UPDATE_CHECK=1

say() { printf '[setup] %s\n' "$*" >&2; }

# --- Deno -------------------------------------------------------------------
DENO="$TOOLS/deno"
if ! [ -x "$DENO" ] || [ "$("$DENO" --version 2>/dev/null | head -n1 | cut -d' ' -f2)" != "$DENO_VERSION" ]; then
  command -v npm >/dev/null || { say "npm is required to install Deno (install Node.js/npm first)"; exit 1; }
  say "installing deno@$DENO_VERSION into .tools/ (npm)"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-save --no-audit --no-fund --loglevel=error "deno@$DENO_VERSION" >&2
  bin=""
  for cand in "$TOOLS/node_modules/deno/deno" "$TOOLS"/node_modules/@deno/*/deno; do
    if [ -x "$cand" ] && "$cand" --version >/dev/null 2>&1; then bin="$cand"; break; fi
  done
  [ -n "$bin" ] || { say "could not find a working deno binary in $TOOLS/node_modules"; exit 1; }
  ln -sf "$bin" "$DENO"
fi
export DENO

# --- Debian packages ----------------------------------------------------------
# python3-pandas (with numpy) only reads back what the tests write (tidy tables through pandas); never a runtime dependency
APT_PACKAGES=(libopenblas0-pthread liblapacke jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-core python3-pandas)
missing=()
if command -v dpkg-query >/dev/null; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "NOTICE: not root; please install: apt-get install ${missing[*]}"
    say "NOTICE: continuing with what works (portable linear-algebra backend; notebooks skipped if Jupyter is missing)"
  fi
fi

# --- Jupyter kernel -----------------------------------------------------------
HAVE_JUPYTER=0
if command -v jupyter >/dev/null && jupyter nbconvert --version >/dev/null 2>&1; then
  HAVE_JUPYTER=1
  spec="$(jupyter --data-dir 2>/dev/null)/kernels/deno/kernel.json"
  # the quoted path must match whole (a path inside another checkout must not count)
  if ! [ -f "$spec" ] || ! grep -qF "\"$(readlink -f "$DENO")\"" "$spec" 2>/dev/null; then
    say "registering the Deno Jupyter kernel"
    "$DENO" jupyter --install --force >/dev/null 2>&1 || "$DENO" jupyter --install --force >&2
    # point the kernel at the resolved binary so it survives PATH differences
    if [ -f "$spec" ]; then
      python3 - "$spec" "$(readlink -f "$DENO")" <<'PY'
import json, sys
path, deno = sys.argv[1], sys.argv[2]
spec = json.load(open(path))
spec["argv"][0] = deno
spec.setdefault("env", {})["NO_COLOR"] = "1"
json.dump(spec, open(path, "w"), indent=2)
PY
    fi
  fi
else
  say "NOTICE: Jupyter (nbconvert) not found: notebooks will not be executed"
fi
export HAVE_JUPYTER
