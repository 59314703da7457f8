#!/bin/sh
# The main job: install what is needed, build, and run a SIP exchange between
# two endpoints on loopback, printing the flow.
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

tool="$build/examples/sip-message"
log=$(mktemp)
trap 'kill "$listener" 2>/dev/null || true; rm -f "$log"' EXIT

# Bob listens on a free port and prints what arrives
"$tool" listen -n 2 >"$log" 2>&1 &
listener=$!
port=""
i=0
while [ -z "$port" ] && [ $i -lt 100 ]; do
  port=$(sed -n 's/^Listening on UDP 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$log")
  [ -n "$port" ] || sleep 0.1
  i=$((i + 1))
done
[ -n "$port" ] || { echo "the listener did not start"; cat "$log"; exit 1; }

echo "== Alice asks Bob what he supports (OPTIONS)"
"$tool" ping -v "sip:bob@127.0.0.1:$port"
echo "== Alice sends Bob a message (MESSAGE)"
"$tool" send -f '"Alice" <sip:alice@127.0.0.1>' "sip:bob@127.0.0.1:$port" "Hello, Bob"
echo "== A GB28181-style keepalive (MESSAGE, Application/MANSCDP+xml)"
"$tool" send -c Application/MANSCDP+xml "sip:bob@127.0.0.1:$port" \
  '<?xml version="1.0"?><Notify><CmdType>Keepalive</CmdType><SN>1</SN><Status>OK</Status></Notify>'

wait "$listener"
echo "== What Bob saw"
cat "$log"
