# Sourced by scripts/test.sh. The browser tests drive Debian's chromium through playwright-core
# (`npx playwright install` downloads from elsewhere and fails on these machines). Installs it with apt when
# missing and running as root; CHROMIUM_PATH points the tests at another binary.
# Usage: source scripts/lib/chromium.sh && ensure_chromium

ensure_chromium() {
  local binary="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$binary" ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing chromium (Debian package) for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -q && apt-get install -y -q --no-install-recommends chromium; } >&2 || true
  fi
  [ -x "$binary" ] || { log "no chromium at $binary: install Debian's chromium or set CHROMIUM_PATH"; return 1; }
}
