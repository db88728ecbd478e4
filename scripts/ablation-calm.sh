#!/usr/bin/env bash
# `npm run ablation:calm` — what makes the tiny CALM learn (issue: CALM that writes). Every run trains
# CALM on `stories` for the same wall time (MINUTES, default 10) on one core, two runs at a time, and
# is scored on held-out text when it ends (scripts/train-lm.ts --tag: Brier-1…4 and repeat rate on
# 1,000 windows, Brier-1 by prompt length mod K); scripts/ablation-report.ts writes the table into
# docs/calm-ablation.md. Runs are read from QUEUE (default scripts/ablation-runs.txt: one run per line,
# "tag  train-lm arguments"), so a queue can be edited while it runs; finished tags are skipped.
# A line "tag  !command" runs a shell command instead (e.g. training an autoencoder that later runs use);
# a run whose --ae names a folder waits until that autoencoder's weights exist.
set -euo pipefail
cd "$(dirname "$0")/.."
M="${MINUTES:-10}"
QUEUE="${QUEUE:-scripts/ablation-runs.txt}"
mkdir -p checkpoints/sweep logs
LOCK=checkpoints/sweep/.queue.lock
next() {
  # Claim the first line whose tag has neither a result nor a claim.
  exec 9>"$LOCK"; flock 9
  local line tag
  while IFS= read -r line; do
    line="${line%%#*}"; [ -z "${line// }" ] && continue
    tag="${line%% *}"
    if [ ! -e "checkpoints/sweep/$tag/result.json" ] && [ ! -e "checkpoints/sweep/$tag/done" ] && [ ! -e "checkpoints/sweep/$tag.claimed" ]; then
      touch "checkpoints/sweep/$tag.claimed"; flock -u 9; echo "$line"; return 0
    fi
  done < "$QUEUE"
  flock -u 9; return 1
}
worker() {
  local line tag rest
  while line="$(next)"; do
    tag="${line%% *}"; rest="${line#"$tag"}"
    echo "[ablation] $(date +%T) start $tag:$rest" >&2
    if [[ "${rest#"${rest%%[! ]*}"}" == '!'* ]]; then
      local cmd="${rest#*!}"
      if bash -c "$cmd" > "logs/ablation-$tag.log" 2>&1; then mkdir -p "checkpoints/sweep/$tag"; touch "checkpoints/sweep/$tag/done";
      else echo "[ablation] $tag FAILED (logs/ablation-$tag.log)" >&2; fi
    else
      local ae; ae="$(sed -n 's/.*--ae \([^ ]*\/[^ ]*\).*/\1/p' <<< "$rest")"
      while [ -n "$ae" ] && [ ! -e "$ae/weights.bin" ]; do sleep 5; done
      # shellcheck disable=SC2086
      npx tsx scripts/train-lm.ts --arch calm --set stories --minutes "$M" --tag "$tag" --fresh --eval-every 0 $rest > "logs/ablation-$tag.log" 2>&1 \
        || echo "[ablation] $tag FAILED (logs/ablation-$tag.log)" >&2
    fi
    rm -f "checkpoints/sweep/$tag.claimed"
    echo "[ablation] $(date +%T) done $tag" >&2
  done
}
worker & w1=$!
sleep 5
worker & w2=$!
wait "$w1" "$w2"
npx tsx scripts/ablation-report.ts
