#!/usr/bin/env bash
# The autoencoders the CALM ablation compares beside the shipped both-corpora pair (ae-robust, ae-plain):
# two trained on `stories` alone, side by side (one core each, ≈ 11 min): the paper's robust recipe
# (β 0.001, KL clip 0.5, DropToken and DropLatent 0.15) and the same with a ten times stronger KL term.
# Output: checkpoints/ae-out/<name>/ (ignored by git; the winner is shipped by `npm run train:ae-lm`).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p logs
npx tsx scripts/train-ae.ts --model robust --corpora stories --name ae-stories --steps 1600 --out checkpoints/ae-out "$@" > logs/ae-stories.log 2>&1 & a=$!
npx tsx scripts/train-ae.ts --model robust --corpora stories --name ae-stories-kl01 --kl-weight 0.01 --steps 1600 --out checkpoints/ae-out "$@" > logs/ae-stories-kl01.log 2>&1 & b=$!
wait "$a"; wait "$b"
