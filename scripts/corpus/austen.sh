#!/usr/bin/env bash
# Builds data/austen.json.gz: Jane Austen's six novels (public domain) from the R package
# janeaustenr (MIT; Debian r-cran-janeaustenr), cleaned by scripts/corpus/clean-austen.ts.
#
#   npm run corpus:austen
#
# Output is deterministic: rerunning on the same janeaustenr version gives a byte-identical file.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

have_janeaustenr() {
  command -v Rscript >/dev/null 2>&1 &&
    Rscript -e 'if (!requireNamespace("janeaustenr", quietly = TRUE)) quit(status = 1)' >/dev/null 2>&1
}

if ! have_janeaustenr; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "corpus:austen: Rscript or the R package janeaustenr is missing; installing r-cran-janeaustenr" >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends r-cran-janeaustenr
  else
    cat >&2 <<'EOF'
corpus:austen: needs Rscript and the R package janeaustenr, and cannot install them here.
  On Debian/Ubuntu (as root):  apt-get update && apt-get install -y --no-install-recommends r-cran-janeaustenr
  Elsewhere, with R installed:  Rscript -e 'install.packages("janeaustenr")'
EOF
    exit 1
  fi
  if ! have_janeaustenr; then
    echo "corpus:austen: janeaustenr still not loadable after installing r-cran-janeaustenr" >&2
    exit 1
  fi
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# One line per source line, "<book>\t<text>", written as UTF-8 bytes whatever the locale
# (a plain writeLines in a non-UTF-8 locale would turn the one "£" into "<U+00A3>").
Rscript -e '
  b <- janeaustenr::austen_books()
  con <- file(commandArgs(trailingOnly = TRUE)[1], open = "wb")
  writeLines(enc2utf8(paste(as.character(b$book), b$text, sep = "\t")), con, useBytes = TRUE)
  close(con)
  message("janeaustenr ", as.character(packageVersion("janeaustenr")), ": ", nrow(b), " lines")
' "$tmp/austen.tsv"

mkdir -p data
npx tsx scripts/corpus/clean-austen.ts "$tmp/austen.tsv" data/austen.json.gz
