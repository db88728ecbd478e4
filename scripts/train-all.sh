#!/usr/bin/env bash
# `npm run train` — the whole pipeline from scratch: corpora → tokenizer → autoencoders →
# golden fixtures. Each step is also its own npm script; training steps checkpoint and resume.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo; echo "=== $*" >&2; }
step "corpus: austen";      npm run --silent corpus:austen
step "corpus: stories";     npm run --silent corpus:stories
step "tokenizer";           npm run --silent train:tokenizer
step "autoencoders";        npm run --silent train:ae -- "$@"
step "golden fixtures";     npm run --silent golden
echo "done: weights in public/weights/, manifest public/weights/manifest.json" >&2
