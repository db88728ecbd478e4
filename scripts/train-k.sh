#!/usr/bin/env bash
# `npm run train:k` — the K dial (semantic bandwidth, issue 16), outside `npm run train`'s budget:
#  1. chunk autoencoders for K = 1, 2 and 8 (ae-k1, ae-k2, ae-k8; latent 32·K), the robust recipe of the
#     shared ae-robust (K = 4) on both corpora and the same training tokens: 2,400 steps of 1,024 tokens
#     (1,024/K chunks; ae-robust: 2,400 steps of 256 chunks of 4). K = 1 and 2 side by side (≈ 21 min);
#  2. stories CALMs for K = 1 and 2 over them (stories-calm-k1, stories-calm-k2), side by side, one core
#     each, LM_MINUTES (default 110, the K = 4 stories CALM's budget), the same backbone, recipe and
#     128-token context (128/K chunk positions) as the K = 4 CALM;
#  3. K = 8's autoencoder (≈ 20 min; the K = 8 CALM is not part of the dial);
#  4. eval:ae --K 1,2,4,8 and eval:lm --K 1,2,4, both with --write-manifest (the Bandwidth panel reads them).
# About 3.5 hours on a 2-core machine, as measured in parts: 23 min (K = 1, 2 autoencoders) + 110 min (CALMs)
# + 21 min (K = 8) + 11 min (eval:ae) + 47 min (eval:lm; its rolled-out Brier for K = 1 alone takes 42 min). Steps resume from their checkpoints (checkpoints/ae-k*, checkpoints/
# stories-calm-k*); extra arguments go to every training run (e.g. --fresh).
set -euo pipefail
cd "$(dirname "$0")/.."
LM_MINUTES="${LM_MINUTES:-110}"
step() { echo; echo "=== $*" >&2; }
step "autoencoders K = 1, 2 (side by side)"
npx tsx scripts/train-ae.ts --model robust --K 1 --steps 2400 "$@" & a=$!
npx tsx scripts/train-ae.ts --model robust --K 2 --steps 2400 "$@" & b=$!
wait "$a"; wait "$b"
step "stories CALMs K = 1, 2 ($LM_MINUTES min each, side by side)"
npx tsx scripts/train-lm.ts --arch calm --set stories --ae ae-k1 --minutes "$LM_MINUTES" "$@" & a=$!
npx tsx scripts/train-lm.ts --arch calm --set stories --ae ae-k2 --minutes "$LM_MINUTES" "$@" & b=$!
wait "$a"; wait "$b"
step "autoencoder K = 8"
npx tsx scripts/train-ae.ts --model robust --K 8 --steps 2400 "$@"
step "evaluation (K dial) into the manifest"
npm run --silent eval:ae -- --K 1,2,4,8 --write-manifest >/dev/null
npm run --silent eval:lm -- --K 1,2,4 --write-manifest >/dev/null
echo "done: public/weights/ae-k{1,2,8}, public/weights/stories-calm-k{1,2}, manifest updated" >&2
