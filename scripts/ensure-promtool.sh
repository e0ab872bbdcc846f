#!/usr/bin/env bash
# The alert tests run `promtool test rules`. Install promtool (Debian package `prometheus`) when it is
# missing and we are allowed to; otherwise stop with a message that says how.
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "promtool not found: installing Debian package 'prometheus' (provides /usr/bin/promtool)..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  command -v promtool >/dev/null 2>&1 && exit 0
fi
cat >&2 <<'MSG'
promtool is required by the alert tests (test/alerts) and is not installed.
Install it with:   sudo apt-get install -y prometheus     (Debian/Ubuntu; provides /usr/bin/promtool)
or put any promtool >= 2.42 on PATH, then run the tests again.
MSG
exit 1
