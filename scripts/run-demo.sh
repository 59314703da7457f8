#!/bin/sh
# The main job: install what is needed, build, and run an audio and video
# SIP call between two endpoints on loopback, printing the call flow and what
# media each side received.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

./scripts/install-deps.sh

build=${BUILD_DIR:-build-demo}
if [ -d "$build" ]; then
  meson setup --reconfigure "$build" -Dtests=disabled >/dev/null
else
  meson setup "$build" -Dtests=disabled >/dev/null
fi
ninja -C "$build"

# The call: bob (a sipcallbin with auto-answer) waits on a free loopback
# port, alice (another sipcallbin) calls him; both send a live test tone and
# test picture, decode what the other sends, and alice hangs up after four
# seconds.  Headless: the media go to fakesinks; the last frame each side
# received is saved as a PNG file in the build directory.
echo "== An audio and video SIP call on 127.0.0.1: alice calls bob"
GST_PLUGIN_PATH="$top/$build/gst${GST_PLUGIN_PATH:+:$GST_PLUGIN_PATH}" \
  timeout 60 "$build/examples/sip-call-demo" --duration 4 --output "$build"
