#!/bin/sh
# Install every Debian 12 package gst-sip needs to build, test and run its
# interoperability peers.  Idempotent: packages already present are skipped
# by apt-get.  Run as root (or through sudo).
set -eu

PACKAGES="
  build-essential meson ninja-build pkg-config gettext locales
  libglib2.0-dev gobject-introspection libgirepository1.0-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  libsoup-3.0-dev glib-networking
  gir1.2-glib-2.0 gir1.2-gstreamer-1.0 gir1.2-gst-plugins-base-1.0
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav
  python3 python3-gi gi-docgen
  clang libclang-rt-14-dev libfuzzer-14-dev clang-format
  valgrind dnsmasq-base nftables
  sip-tester kamailio kamailio-extra-modules kamailio-utils-modules
  kamailio-tls-modules kamailio-websocket-modules openssl
  baresip-core baresip-gstreamer baresip-ffmpeg
  libosip2-dev libsofia-sip-ua-dev
"

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done

if [ -n "$missing" ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  # shellcheck disable=SC2086
  $SUDO apt-get install -q -y --no-install-recommends $missing
fi

# Debian enables and starts kamailio as a system service on install; the
# tests start their own instances on loopback ports, never this one.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active -q kamailio 2>/dev/null; then
  $SUDO systemctl stop kamailio || true
fi

# The translation test reads the Spanish error texts, and gettext translates
# only under a locale other than C: generate es_ES.UTF-8 and zh_CN.UTF-8
# once (locale -a lists them as es_ES.utf8 and zh_CN.utf8).
generate=""
for loc in es_ES zh_CN; do
  if ! locale -a 2>/dev/null | grep -qx "$loc.utf8"; then
    if grep -q "^# *$loc.UTF-8 UTF-8" /etc/locale.gen; then
      $SUDO sed -i "s/^# *\($loc.UTF-8 UTF-8\)/\1/" /etc/locale.gen
    elif ! grep -q "^$loc.UTF-8 UTF-8" /etc/locale.gen; then
      echo "$loc.UTF-8 UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
    fi
    generate=yes
  fi
done
if [ -n "$generate" ]; then
  $SUDO locale-gen
fi
