#!/usr/bin/env bash
# System packages the tests need: a real PostgreSQL server and a real Chromium.
# Installed from Debian's packages when missing (needs root, as on CI).
set -euo pipefail
need=()
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  # Non-zero: a CI job must not go on to a test run that skips what it could not install.
  echo "setup-system: missing ${need[*]}; install them as root (apt-get install ${need[*]})" >&2
  echo "setup-system: without them the PostgreSQL and browser tests skip (and fail under CI=true)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }; then
  echo "setup-system: apt-get could not install ${need[*]}" >&2
  exit 1
fi
# The packages must provide what the tests look for, not just install cleanly.
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
  || { echo "setup-system: PostgreSQL installed but no initdb found" >&2; exit 1; }
command -v chromium >/dev/null 2>&1 \
  || { echo "setup-system: chromium installed but not on PATH" >&2; exit 1; }
