#!/usr/bin/env bash
# A real one-node SLURM cluster runs the README's job-array recipes, and the merged matrices must
# equal a single-process run bit for bit.
#
#   bash scripts/cluster-test.sh            # prints PASS/FAIL/NOTICE lines; exit 1 only on FAIL
#
# - Installs Debian's slurm-wlm and munge when missing (as root; otherwise prints a NOTICE and
#   exits 0).
# - Starts munged, slurmctld and slurmd in the foreground of background jobs, with every file
#   (key, socket, state, spool, logs, slurm.conf) in a fresh /tmp directory and random ports, so
#   nothing of the system's own configuration is used or changed.
# - Submits `pairwise --shard k/n` as a job array (`sbatch --wait`), merges with
#   `pairwise-merge`, and compares the .npy bytes with a single-process `pairwise`. The same for
#   `dsa-pairwise` once it writes JSON shards (probed first; a NOTICE skips it otherwise).
# - Stops exactly the daemons it started, by pid, and removes its directory, also on failure,
#   interrupt or timeout.
# An environment that cannot run the cluster (no root, no apt, daemons that do not come up) is a
# NOTICE and a skip, not a failure: FAIL means our commands failed or their results differ.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DENO="${DENO:-$ROOT/.tools/deno}"
STEP_TIMEOUT="${CLUSTER_STEP_TIMEOUT:-300}" # seconds for one sbatch --wait, merge or single run
export NO_COLOR=1 DENO_NO_UPDATE_CHECK=1
export PATH="$PATH:/usr/sbin:/sbin" # munged, slurmctld and slurmd live there

notice() { echo "NOTICE: cluster test: $*"; }
skip() {
  notice "$*; skipped"
  exit 0
}

[ "$(uname -s)" = "Linux" ] || skip "needs Linux"
[ -x "$DENO" ] || skip "no deno at $DENO (run scripts/setup.sh)"

# --- SLURM and MUNGE ------------------------------------------------------------------------
need=()
for bin in munged slurmctld slurmd sbatch sinfo squeue scancel; do
  command -v "$bin" >/dev/null || need+=("$bin")
done
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
    skip "missing ${need[*]}; as root on Debian this script installs slurm-wlm and munge"
  fi
  echo "[cluster] installing slurm-wlm and munge (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  timeout 600 apt-get update -q >/dev/null 2>&1
  if ! timeout 900 apt-get install -y -q --no-install-recommends slurm-wlm munge >/dev/null 2>&1; then
    skip "apt-get install slurm-wlm munge failed"
  fi
  for bin in munged slurmctld slurmd sbatch; do
    command -v "$bin" >/dev/null || skip "$bin still missing after installing slurm-wlm and munge"
  done
fi
if [ "$(id -u)" != "0" ]; then
  skip "a one-node cluster needs root (SlurmUser=root)"
fi

# --- state, and cleanup of exactly what we start ----------------------------------------------
WORK="$(mktemp -d /tmp/nc-cluster.XXXXXX)" || skip "cannot create a directory in /tmp"
chmod 0700 "$WORK"
PIDS=()
SUBMITTED=0
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ "$SUBMITTED" = "1" ]; then
    # every job of this private controller is ours: cancel them so no job step outlives slurmd
    timeout 10 scancel -u root >/dev/null 2>&1
    for _ in $(seq 1 20); do
      [ -z "$(timeout 5 squeue -h 2>/dev/null)" ] && break
      sleep 0.5
    done
  fi
  # reverse order of starting: slurmd, slurmctld, munged
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill -TERM "${PIDS[i]}" 2>/dev/null
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

logs() { # the daemons' and jobs' logs, for a failure
  for f in "$WORK"/*.log "$WORK"/logs/*; do
    [ -f "$f" ] && { echo "--- $f (last 20 lines)"; tail -n 20 "$f"; }
  done
}

# --- munged ---------------------------------------------------------------------------------
mkdir -p "$WORK/munge" "$WORK/state" "$WORK/spool" "$WORK/logs" "$WORK/nets" "$WORK/parts" \
  "$WORK/dsa-parts"
chmod 0700 "$WORK/munge"
head -c 1024 /dev/urandom >"$WORK/munge/munge.key"
chmod 0400 "$WORK/munge/munge.key"
SOCKET="$WORK/munge/munge.socket"
munged --foreground --force --key-file="$WORK/munge/munge.key" --socket="$SOCKET" \
  --pid-file="$WORK/munge/munged.pid" --log-file="$WORK/munged.log" \
  --seed-file="$WORK/munge/munged.seed" >/dev/null 2>&1 &
PIDS+=($!)
for _ in $(seq 1 40); do
  [ -S "$SOCKET" ] && break
  sleep 0.25
done
[ -S "$SOCKET" ] || {
  logs
  skip "munged did not start"
}

# --- slurm.conf, slurmctld, slurmd -----------------------------------------------------------
HOST="$(hostname -s)"
CPUS="$(nproc)"
MEM_MB=$(($(awk '/^MemTotal:/ { print $2 }' /proc/meminfo) / 1024 / 2))
PORT=$((20000 + RANDOM % 20000))
export SLURM_CONF="$WORK/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=nctest
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM_MB State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -i -f "$SLURM_CONF" >"$WORK/slurmctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" -N "$HOST" >"$WORK/slurmd.out" 2>&1 &
PIDS+=($!)
state=""
for _ in $(seq 1 120); do
  state="$(timeout 5 sinfo -h -n "$HOST" -o %t 2>/dev/null | head -n1)"
  [ "$state" = "idle" ] && break
  sleep 0.5
done
if [ "$state" != "idle" ]; then
  logs
  cat "$WORK/slurmctld.out" "$WORK/slurmd.out" 2>/dev/null | tail -n 20
  skip "the one-node cluster did not come up (node state '${state:-none}')"
fi
echo "[cluster] one-node cluster up: $HOST, $CPUS CPUs, ports $PORT-$((PORT + 1))" >&2

# --- inputs ---------------------------------------------------------------------------------
cli() { timeout "$STEP_TIMEOUT" "$DENO" task --quiet --config "$ROOT/deno.json" cli "$@"; }
if ! timeout 120 "$DENO" eval --quiet "
  import { writeNpy } from 'file://$ROOT/lib/io/npy.ts';
  import { mulberry32, normalSampler } from 'file://$ROOT/lib/random.ts';
  const g = normalSampler(mulberry32(7));
  for (let k = 0; k < 5; k++) {
    const rows = 60, cols = 6 + k;
    writeNpy('$WORK/nets/net' + k + '.npy', { rows, cols, data: Float64Array.from({ length: rows * cols }, g) });
  }
" >/dev/null 2>"$WORK/inputs.err"; then
  cat "$WORK/inputs.err"
  echo "FAIL cluster inputs: could not write the test networks"
  exit 1
fi
NETS=("$WORK"/nets/net*.npy)
SHARDS=4
failed=0

# Submit a job array running the CLI with "$@" as arguments, __SHARD__ replaced by k/n and __K__
# by k; waits for the end.
submit() {
  local name="$1"
  shift
  local args=""
  for a in "$@"; do args+=" $(printf '%q' "$a")"; done
  args="${args//__SHARD__/\$SLURM_ARRAY_TASK_ID/$SHARDS}"
  args="${args//__K__/\$SLURM_ARRAY_TASK_ID}"
  SUBMITTED=1
  cat >"$WORK/$name.sbatch" <<EOF
#!/bin/bash
#SBATCH --job-name=nc-$name
#SBATCH --array=0-$((SHARDS - 1))
#SBATCH --cpus-per-task=1
#SBATCH --output=$WORK/logs/$name-%a.out
export NO_COLOR=1 DENO_NO_UPDATE_CHECK=1
exec "$DENO" task --quiet --config "$ROOT/deno.json" cli$args
EOF
  # --wait: sbatch returns when every task has ended, with status 0 only if all succeeded
  timeout "$STEP_TIMEOUT" sbatch --wait --quiet "$WORK/$name.sbatch" >"$WORK/logs/$name.sbatch.out" 2>&1
}

check() { # name, merged .npy, single .npy
  if cmp -s "$2" "$3"; then
    echo "PASS cluster $1: job array of $SHARDS shards + pairwise-merge equals a single-process run bit for bit"
  else
    logs
    echo "FAIL cluster $1: merged matrix differs from the single-process run"
    failed=1
  fi
}

# --- pairwise ---------------------------------------------------------------------------------
# The README's recipe: one shard per array task, then pairwise-merge.
if submit pairwise pairwise "${NETS[@]}" --alpha 0.5 --workers 1 \
  --shard __SHARD__ --out "$WORK/parts/__K__.json" &&
  [ "$(ls "$WORK"/parts/*.json 2>/dev/null | wc -l)" -eq "$SHARDS" ]; then
  if cli pairwise-merge "$WORK"/parts/*.json --out "$WORK/merged.npy" >/dev/null &&
    cli pairwise "${NETS[@]}" --alpha 0.5 --workers 1 --out "$WORK/single.npy" >/dev/null; then
    check pairwise "$WORK/merged.npy" "$WORK/single.npy"
  else
    logs
    echo "FAIL cluster pairwise: pairwise-merge or the single-process pairwise failed"
    failed=1
  fi
else
  logs
  echo "FAIL cluster pairwise: the job array did not write $SHARDS shards"
  failed=1
fi

# --- dsa-pairwise -------------------------------------------------------------------------------
DSA=(--n-delays 2 --rank 4 --workers 1)
if cli dsa-pairwise "${NETS[0]}" "${NETS[1]}" "${DSA[@]}" --shard 0/2 --out "$WORK/probe.json" \
  >/dev/null 2>&1 && [ "$(head -c 1 "$WORK/probe.json" 2>/dev/null)" = "{" ]; then
  if submit dsa-pairwise dsa-pairwise "${NETS[@]}" "${DSA[@]}" \
    --shard __SHARD__ --out "$WORK/dsa-parts/__K__.json" &&
    [ "$(ls "$WORK"/dsa-parts/*.json 2>/dev/null | wc -l)" -eq "$SHARDS" ]; then
    if cli pairwise-merge "$WORK"/dsa-parts/*.json --out "$WORK/dsa-merged.npy" >/dev/null &&
      cli dsa-pairwise "${NETS[@]}" "${DSA[@]}" --out "$WORK/dsa-single.npy" >/dev/null; then
      check dsa-pairwise "$WORK/dsa-merged.npy" "$WORK/dsa-single.npy"
    else
      logs
      echo "FAIL cluster dsa-pairwise: pairwise-merge or the single-process dsa-pairwise failed"
      failed=1
    fi
  else
    logs
    echo "FAIL cluster dsa-pairwise: the job array did not write $SHARDS shards"
    failed=1
  fi
else
  notice "dsa-pairwise --shard k/n does not write JSON shards for pairwise-merge yet; dsa part skipped"
fi

exit "$failed"
