#!/bin/sh
# Installs what the project needs, builds with -Werror, and runs the whole
# test suite: unit, loopback and interop tests, then the same tests and a
# bounded fuzzing run with AddressSanitizer and UndefinedBehaviorSanitizer.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

./scripts/install-deps.sh

setup() {
  dir=$1
  shift
  if [ -d "$dir" ]; then
    meson setup --reconfigure "$dir" "$@"
  else
    meson setup "$dir" "$@"
  fi
}

build=${BUILD_DIR:-build-ci}
setup "$build" -Dwerror=true -Dtests=enabled -Dinterop-tests=enabled \
  -Dintrospection=enabled -Ddoc=enabled -Dexamples=enabled
ninja -C "$build"
meson test -C "$build" --print-errorlogs
# the unit, loopback and loss tests again under valgrind
meson test -C "$build" --setup valgrind --suite unit --suite loopback \
  --suite loss --print-errorlogs

# the same tests, and the fuzz targets, under ASan and UBSan with clang
sanitize=${SANITIZE_BUILD_DIR:-build-ci-sanitize}
(
  CC=clang
  export CC
  setup "$sanitize" -Dwerror=true -Dtests=enabled \
    -Dinterop-tests=enabled -Dintrospection=disabled -Ddoc=disabled \
    -Db_sanitize=address,undefined -Db_lundef=false -Dfuzzing=enabled
)
ninja -C "$sanitize"
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  meson test -C "$sanitize" --print-errorlogs
