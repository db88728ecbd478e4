#!/usr/bin/env bash
# The whole test suite, runnable by itself in a fresh clone (this is what .ci/run calls):
# installs the dependencies and, when missing, Debian's Chromium; then type-checks, runs the
# unit tests (Vitest), builds the production app and runs the end-to-end tests (Playwright
# driving /usr/bin/chromium against `vite preview`). It never retrains.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "== installing Debian's chromium (apt-get)"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
  else
    echo "Chromium is missing at $CHROMIUM. Install it with: sudo apt-get install chromium" >&2
    echo "(or point CHROMIUM_PATH at a Chromium binary)" >&2
    exit 1
  fi
fi

echo "== type-check"
npm run --silent typecheck
echo "== unit tests"
npx vitest run
echo "== production build"
npm run --silent build
echo "== end-to-end tests"
npx playwright test
