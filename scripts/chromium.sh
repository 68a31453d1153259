#!/bin/sh
# Finds the browser the end-to-end tests drive (Debian's Chromium; no test
# tool downloads one): CHROMIUM_PATH, else /usr/bin/chromium. Where it is
# missing and this user can install packages (root with apt-get), installs
# Debian's `chromium`; otherwise stops with one line saying what to run.
set -eu
DEFAULT=/usr/bin/chromium

if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && exit 0
  echo "CHROMIUM_PATH is set to $CHROMIUM_PATH, which is not an executable: point it at Chromium, or unset it to use $DEFAULT." >&2
  exit 1
fi
[ -x "$DEFAULT" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is not installed: installing Debian's chromium package (apt-get install chromium)…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$DEFAULT" ] && exit 0
  echo "apt-get installed chromium but $DEFAULT is still missing: set CHROMIUM_PATH to the Chromium binary." >&2
  exit 1
fi

echo "The end-to-end tests need Chromium at $DEFAULT: run 'sudo apt-get install -y chromium' (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary, then run npm test again." >&2
exit 1
