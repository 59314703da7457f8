#!/bin/sh
# Runs one libFuzzer target for a bounded time, as a test.
#
#   run-fuzzer.sh FUZZER WORKDIR SEED_DIR SEED_GLOB REGRESSION_DIR [OPTION...]
#
# The seeds (SEED_DIR/SEED_GLOB) are copied into WORKDIR/corpus, which
# libFuzzer may extend: it writes new inputs into the first corpus
# directory only, so the source tree is never written.  REGRESSION_DIR,
# when it exists, is read as a second corpus, so that every input that
# once crashed runs again.  Crash, leak and timeout inputs are saved in
# WORKDIR/artifacts.  The OPTIONs go to libFuzzer as they are.  The exit
# status is 0 when the time ran out without a failure, 1 otherwise.

set -eu

if [ $# -lt 5 ]; then
  echo "usage: $0 FUZZER WORKDIR SEED_DIR SEED_GLOB REGRESSION_DIR [OPTION...]" >&2
  exit 2
fi

fuzzer=$1
workdir=$2
seed_dir=$3
seed_glob=$4
regression_dir=$5
shift 5

mkdir -p "$workdir/corpus" "$workdir/artifacts"
for seed in "$seed_dir"/$seed_glob; do
  if [ -f "$seed" ]; then
    cp "$seed" "$workdir/corpus/"
  fi
done

if [ -d "$regression_dir" ]; then
  set -- "$workdir/corpus" "$regression_dir" "$@"
else
  set -- "$workdir/corpus" "$@"
fi

# libFuzzer exits with 77 on a crash by default, which meson reads as a
# skipped test
exec "$fuzzer" -error_exitcode=1 -timeout_exitcode=1 \
  -artifact_prefix="$workdir/artifacts/" "$@"
