#!/usr/bin/env bash
# ci/slurm-test.sh: `salr slurm --submit` on a real, single-node Slurm cluster started here.
#
# As root on Debian: installs slurm-wlm and munge when missing, writes a minimal cgroup-free slurm.conf
# under a temporary directory (SLURM_CONF points there; /etc/slurm is not touched), starts munged (when
# none is running), slurmctld and slurmd, waits for the node to be idle, submits a 4-run sweep (mlp on a
# 200-example Fashion-MNIST subset, 1 epoch, sgd and sgd-salr x 2 seeds) as a job array of 2 shards,
# waits for the array to leave the queue and checks that every run was done exactly once:
#   - `salr status` counts 4 completed runs, none failed, running, interrupted or remaining, and every claim
#     (STORE/claims/) was released;
#   - each run folder holds one result.json with status completed and an attempts.log of one line;
#   - every array task ended COMPLETED with exit code 0, and wrote its output to STORE/slurm/.
# The daemons it started are stopped on exit. When Slurm cannot be started or any check fails, it says
# so loudly and exits non-zero; it never passes silently.
#
# Environment: SALR_SLURM_KEEP=1 keeps the temporary directory (logs, store); SALR_SLURM_TIMEOUT (seconds
# to wait for the array, default 240); SALR_OFFLINE=1 is passed to the launcher's build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
started=$(date +%s)
shards=2
timeout=${SALR_SLURM_TIMEOUT:-240}

fail() {
  {
    echo
    echo "################################################################"
    echo "### SLURM TEST FAILED: $*"
    echo "################################################################"
  } >&2
  exit 1
}
say() { echo "slurm-test: $*"; }

[ "$(id -u)" = 0 ] || fail "must run as root (it installs packages and starts the Slurm and munge daemons)"

# ---- packages ----
missing=()
for pair in slurmctld:slurm-wlm slurmd:slurm-wlm munged:munge sbatch:slurm-wlm; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || [ -x "/usr/sbin/${pair%%:*}" ] || missing+=("${pair#*:}")
done
[ -d /usr/share/datasets/fashion-mnist ] || missing+=(dataset-fashion-mnist)
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || fail "missing ${missing[*]} and no apt-get to install them"
  say "installing ${missing[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${missing[@]}" | sort -u)) >/dev/null \
    || fail "apt-get could not install ${missing[*]}"
fi
export PATH="$PATH:/usr/sbin:/sbin"

# ---- configuration ----
work=$(mktemp -d /tmp/salr-slurm-test.XXXXXX)
chmod 755 "$work"
host=$(hostname -s)
cpus=$(nproc)
mem_total=$(free -m | awk '/^Mem:/ {print $2}')
real_memory=$(( mem_total > 2048 ? mem_total - 1024 : mem_total / 2 ))
mkdir -p "$work/state" "$work/spool"
export SLURM_CONF="$work/slurm.conf"
cat > "$SLURM_CONF" <<EOF
# Single-node test cluster written by ci/slurm-test.sh; no cgroups, no accounting.
ClusterName=salrtest
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=600
SlurmctldPort=6817
SlurmdPort=6818
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$real_memory State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF

pids=()
munged_started=0
job=""
# Cancels the job array (its steps end only through slurmd), then stops the daemons started here: TERM,
# up to 10 s each, then KILL (slurmd ignores TERM while it still has job steps).
stop_daemons() {
  if [ -n "$job" ]; then
    scancel "$job" 2>/dev/null || true
    for _ in $(seq 1 20); do
      [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break
      sleep 1
    done
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 10); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "$munged_started" = 1 ] && [ -f /run/munge/munged.pid ]; then
    kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
  fi
}
cleanup() {
  local code=$?
  stop_daemons
  if [ "$code" != 0 ]; then
    for log in slurmctld.log slurmd.log; do
      [ -f "$work/$log" ] && { echo "--- last lines of $work/$log:" >&2; tail -n 20 "$work/$log" >&2; }
    done
    for out in "${store:-$work/none}"/slurm/*.out; do
      [ -f "$out" ] && { echo "--- $out:" >&2; tail -n 20 "$out" >&2; }
    done
  fi
  if [ "${SALR_SLURM_KEEP:-0}" = 1 ] || [ "$code" != 0 ]; then
    echo "slurm-test: kept $work (logs, store)" >&2
  else
    rm -rf "$work"
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- munge ----
if ! munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
  if [ ! -s /etc/munge/munge.key ]; then
    say "creating the munge key"
    if command -v mungekey >/dev/null 2>&1; then mungekey --create --keyfile=/etc/munge/munge.key
    else dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none; fi
    chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
  fi
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge && chmod 755 /run/munge
  say "starting munged"
  runuser -u munge -- munged || fail "munged did not start (see /var/log/munge/munged.log)"
  munged_started=1
  munge -n </dev/null | unmunge >/dev/null || fail "munge does not work: a credential made here cannot be decoded"
fi

# ---- slurm daemons ----
say "starting slurmctld and slurmd (node $host, $cpus CPUs, RealMemory $real_memory MB)"
slurmctld -D -i -f "$SLURM_CONF" >"$work/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$host" >"$work/slurmd.out" 2>&1 &
pids+=($!)
state=""
for _ in $(seq 1 60); do
  state=$(sinfo -h -N -n "$host" -o '%t' 2>/dev/null | head -1 || true)
  [ "$state" = idle ] && break
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || fail "a Slurm daemon exited at start (see $work/slurmctld.out, $work/slurmd.out: $(tail -n 3 "$work"/slurm*.out | tr '\n' ' '))"
  done
  sleep 1
done
[ "$state" = idle ] || fail "Slurm did not come up: node $host is '${state:-unknown}' after 60 s, not idle"
say "node $host is idle"

# ---- the sweep ----
(cd "$root" && ./salr --version >/dev/null) || fail "the salr launcher cannot build or start"
spec="$work/spec.yaml"
store="$work/the store"
cat > "$spec" <<'EOF'
study: slurm-test
datasets: [fashion-mnist]
models: [mlp]
methods: [sgd, sgd-salr]
seeds: 2
budget: {epochs: 1, of: sgd}
data: {train_subset: 200, test_subset: 100}
batch_size: 50
model_options: {hidden: 16}
evaluation: {sharpness_examples: 50, hessian_iterations: 2}
EOF
# Submit from another directory: the job must not depend on the submitter's working directory.
submitted=$(cd / && "$root/salr" slurm "$spec" --store "$store" --shards "$shards" --cpus-per-task 1 \
  --time 00:10:00 --submit) || fail "salr slurm --submit failed: $submitted"
echo "$submitted"
job=$(sed -n 's/^Submitted batch job \([0-9][0-9]*\)$/\1/p' <<<"$submitted")
[ -n "$job" ] || fail "no job id in the output of salr slurm --submit"
say "job array $job submitted; waiting up to $timeout s"
deadline=$(( $(date +%s) + timeout ))
while [ -n "$(squeue -h -j "$job" -o '%i %t' 2>/dev/null)" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "job array $job still queued or running after $timeout s (cancelled)"
  sleep 3
done

# ---- checks ----
status=$("$root/salr" status "$store") || fail "salr status failed"
echo "$status"
grep -q "4 runs: done 4 (completed 4, diverged 0, collapsed 0), running 0, interrupted 0, failed 0 (infrastructure 0, deterministic 0), remaining 0" <<<"$status" \
  || fail "salr status does not count 4 completed runs"
leftover=$(find "$store/claims" -type f 2>/dev/null | head -5)
[ -z "$leftover" ] || fail "claims left in the store after the array ended: $leftover"
folders=$(find "$store/runs" -mindepth 1 -maxdepth 1 -type d | wc -l)
[ "$folders" = 4 ] || fail "expected 4 run folders, found $folders"
[ ! -e "$store/failed" ] || fail "$store/failed exists: some run was retired"
for dir in "$store"/runs/*/; do
  id=$(basename "$dir")
  results=$(find "$dir" -maxdepth 1 -name result.json | wc -l)
  [ "$results" = 1 ] || fail "run $id has $results result.json files"
  grep -q '"status" : "completed"' "$dir/result.json" || fail "run $id is not completed: $(cat "$dir/result.json")"
  [ -f "$dir/attempts.log" ] || fail "run $id has no attempts.log"
  attempts=$(wc -l <"$dir/attempts.log")
  [ "$attempts" = 1 ] || fail "run $id was executed $attempts times: $(cat "$dir/attempts.log")"
  grep -q " slurm=${job}_[0-9]" "$dir/attempts.log" || fail "run $id did not run in job array $job: $(cat "$dir/attempts.log")"
done
tasks=$(scontrol -o show job "$job" 2>/dev/null || true)
[ "$(grep -c 'JobState=COMPLETED' <<<"$tasks")" = "$shards" ] \
  || fail "not all $shards array tasks ended COMPLETED: $(grep -o 'JobId=[0-9]* ArrayJobId=[0-9]* ArrayTaskId=[0-9]*\|JobState=[A-Z_]*\|ExitCode=[0-9:]*' <<<"$tasks" | tr '\n' ' ')"
[ "$(grep -c 'ExitCode=0:0' <<<"$tasks")" = "$shards" ] || fail "some array task exited non-zero"
outs=$(find "$store/slurm" -name "${job}_*.out" | wc -l)
[ "$outs" = "$shards" ] || fail "expected $shards task outputs in $store/slurm, found $outs"

say "PASSED: 4 runs, each done exactly once by job array $job ($shards tasks), in $(( $(date +%s) - started )) s"
