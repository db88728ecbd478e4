#!/usr/bin/env bash
# `npm run sweep:calm` — a short sweep that asks what makes the tiny CALM learn on `stories`:
# each run trains CALM for MINUTES (default 3) with one setting changed from the reference, two runs at
# a time (one core each); then scripts/sweep-report.ts scores every run on the same held-out positions
# and writes docs/calm-sweep.md. Runs land in checkpoints/sweep/<tag>/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
M="${MINUTES:-3}"
run() { local tag=$1; shift; npx tsx scripts/train-lm.ts --arch calm --set stories --minutes "$M" --tag "$tag" --fresh --warmup 20 "$@" 2>&1 | grep -E 'done|Error' | sed "s/^/[$tag] /" >&2; }
pair() { run "$1" ${2:-} & run "$3" ${4:-} & wait; }
pair ref ""                      lr4e-3 "--lr 4e-3"
pair lr1e-3 "--lr 1e-3"          blocks2 "--head-blocks 2"
pair batch64 "--batch 64"        samples4 "--samples 4"
npx tsx scripts/sweep-report.ts
