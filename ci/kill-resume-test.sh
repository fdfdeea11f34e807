#!/usr/bin/env bash
# ci/kill-resume-test.sh: a kill -9 in the middle of `./salr sweep --preset ci`, then a rerun of the same
# command, gives the same exported results as an uninterrupted sweep (every metric but wall_seconds).
#
# 1. the uninterrupted sweep: ./salr sweep --preset ci into WORK/whole, exported;
# 2. the same sweep into WORK/killed, in its own process group; as soon as at least 2 runs are complete
#    and another run has written a checkpoint, the whole group (the sweep and its worker JVMs) gets SIGKILL;
# 3. the rerun of the same command resumes the interrupted runs (their attempts.log then has 2 lines) and
#    runs the rest; its export must equal step 1's.
# Exits non-zero, saying why, when any of this does not hold. About 1.5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/salr-kill.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "### KILL/RESUME TEST FAILED: $*" >&2; exit 1; }

echo "== kill-resume: uninterrupted ci sweep"
./salr sweep --preset ci --store "$work/whole" --workers 2 --oversubscribe --progress lines > "$work/whole.log" 2>&1 \
  || fail "the uninterrupted sweep failed: $(tail -5 "$work/whole.log")"
./salr export "$work/whole" --out "$work/whole.csv" > /dev/null

echo "== kill-resume: the same sweep, killed with SIGKILL in the middle"
setsid ./salr sweep --preset ci --store "$work/killed" --workers 2 --oversubscribe --progress lines > "$work/killed.log" 2>&1 &
group=$!
deadline=$(( $(date +%s) + 300 ))
while :; do
  done_runs=$( (find "$work/killed/runs" -name result.json 2>/dev/null || true) | wc -l)
  in_flight=0
  for ckpt in "$work"/killed/runs/*/checkpoint.bin; do
    [ -f "$ckpt" ] && [ ! -f "$(dirname "$ckpt")/result.json" ] && in_flight=$((in_flight + 1))
  done
  [ "$done_runs" -ge 2 ] && [ "$in_flight" -ge 1 ] && break
  kill -0 "$group" 2>/dev/null || fail "the sweep ended before it could be killed (done $done_runs)"
  [ "$(date +%s)" -lt "$deadline" ] || fail "no checkpoint appeared within 300 s"
  sleep 0.05
done
kill -9 -- "-$group"
wait "$group" 2>/dev/null || true
sleep 1
interrupted=()
for ckpt in "$work"/killed/runs/*/checkpoint.bin; do
  [ -f "$ckpt" ] && [ ! -f "$(dirname "$ckpt")/result.json" ] && interrupted+=("$(dirname "$ckpt")")
done
[ "${#interrupted[@]}" -ge 1 ] || fail "no interrupted run with a checkpoint was left by the kill"
complete_before=$(find "$work/killed/runs" -name result.json | wc -l)
echo "killed with $complete_before runs complete and ${#interrupted[@]} interrupted: ${interrupted[*]##*/}"

echo "== kill-resume: rerun"
./salr sweep --preset ci --store "$work/killed" --workers 2 --oversubscribe --progress lines > "$work/rerun.log" 2>&1 \
  || fail "the rerun failed: $(tail -5 "$work/rerun.log")"
for run in "${interrupted[@]}"; do
  lines=$(wc -l < "$run/attempts.log")
  [ "$lines" = 2 ] || fail "run ${run##*/} was started $lines times, expected 2 (the killed start and the resume)"
done
./salr export "$work/killed" --out "$work/killed.csv" > /dev/null
if ! diff <(grep -v ',wall_seconds,' "$work/whole.csv") <(grep -v ',wall_seconds,' "$work/killed.csv") > "$work/diff.txt"; then
  fail "the exports differ:"$'\n'"$(head -20 "$work/diff.txt")"
fi
echo "kill-resume: PASS: $(grep -vc ',wall_seconds,' "$work/killed.csv") exported values equal an uninterrupted sweep's"
