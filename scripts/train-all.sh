#!/usr/bin/env bash
# `npm run train` — the whole pipeline from scratch: corpora → tokenizer → autoencoders (the shared
# robust/plain pair for Compress and Noise; one per set for its language models) → golden fixtures →
# both language-model sets (CALM and its discrete baseline side by side, one core each, the same wall
# time, LM_MINUTES per set, default 110; held-out Brier-1 recorded every 5 minutes) → held-out
# evaluation into the manifest. About 5 hours on a 2-core machine with the default budget (README: the measured parts).
# Each step is also its own npm script; training steps checkpoint and resume.
set -euo pipefail
cd "$(dirname "$0")/.."
LM_MINUTES="${LM_MINUTES:-110}"
step() { echo; echo "=== $*" >&2; }
step "corpus: austen";      npm run --silent corpus:austen
step "corpus: stories";     npm run --silent corpus:stories
step "tokenizer";           npm run --silent train:tokenizer
step "autoencoders";        npm run --silent train:ae -- --fresh
step "language-model autoencoders"; npm run --silent train:ae-lm -- --fresh
step "golden fixtures";     npm run --silent golden
step "held-out passages";   npm run --silent heldout
step "unigram counts";      npm run --silent unigram
for set in stories austen; do
  step "language models: $set ($LM_MINUTES min each, side by side)"
  npm run --silent train:calm -- --set "$set" --minutes "$LM_MINUTES" --fresh & calm=$!
  npm run --silent train:baseline -- --set "$set" --minutes "$LM_MINUTES" --fresh & base=$!
  wait "$calm"; wait "$base"
done
step "language-model evaluation"
npm run --silent eval:lm -- --write-manifest >/dev/null
step "autoencoder evaluation (with each CALM's own autoencoder)"
npm run --silent eval:ae -- --write-manifest >/dev/null
step "language-model golden fixtures"; npm run --silent golden:lm
step "precomputed panel traces";       npm run --silent traces
echo "done: weights in public/weights/, manifest public/weights/manifest.json" >&2
