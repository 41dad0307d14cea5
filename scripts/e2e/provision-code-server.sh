#!/usr/bin/env bash
# Installs code-server 4.100.3 (= VS Code 1.100.3, the newest code-server whose engines.node is 20)
# and the Debian packages the end-to-end tests need, into a cache directory outside the repository.
#
#   scripts/e2e/provision-code-server.sh          # prints the code-server directory on its last line
#
# Idempotent: a complete install leaves a marker file, and a second run only checks it (seconds).
# Works on a fresh Debian machine with Node 20 and npm: when run as root (or with password-less
# sudo) it installs the missing apt packages itself. Needs only the npm registry and Debian's apt.
#
# Environment:
#   TCPDUMP_LENS_CODE_SERVER_DIR  where to install (default
#                                 ${XDG_CACHE_HOME:-$HOME/.cache}/tcpdump-lens/code-server-4.100.3)
#   TCPDUMP_LENS_SKIP_APT=1       never call apt-get; fail with the list of missing packages instead
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
MARKER_NAME=.provisioned
DEST="${TCPDUMP_LENS_CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tcpdump-lens/code-server-$CODE_SERVER_VERSION}"

# Debian packages: the browser the tests drive, a small CJK font (zh-CN text in screenshots),
# ripgrep (replaces @vscode/ripgrep's GitHub download) and what code-server's native modules build
# against (kerberos, native-keymap, spdlog...).
APT_PACKAGES=(chromium fonts-wqy-microhei ripgrep pkg-config libkrb5-dev libx11-dev libxkbfile-dev
  libsecret-1-dev)

log() { printf '[provision] %s\n' "$*" >&2; }
now() { date +%s; }
started=$(now)

# --- apt packages -------------------------------------------------------------------------------
missing_packages() {
  local pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2> /dev/null | grep -q 'install ok installed' || echo "$pkg"
  done
  # Toolchain for node-gyp: usually present on Node machines; the package only when the command
  # is missing (python3 may come from elsewhere, e.g. pyenv).
  command -v g++ > /dev/null || echo g++
  command -v make > /dev/null || echo make
  command -v python3 > /dev/null || echo python3
}

ensure_apt_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  if [ "${#missing[@]}" -eq 0 ]; then return 0; fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo > /dev/null && sudo -n true 2> /dev/null; then
      sudo=(sudo -n)
    else
      TCPDUMP_LENS_SKIP_APT=1
    fi
  fi
  if [ "${TCPDUMP_LENS_SKIP_APT:-}" = 1 ]; then
    log "missing Debian packages: ${missing[*]}"
    log "install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  log "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" > /dev/null
  log "apt packages installed ($(($(now) - started)) s)"
}

ensure_apt_packages

# --- code-server ---------------------------------------------------------------------------------
if [ -f "$DEST/$MARKER_NAME" ] && [ -f "$DEST/node_modules/code-server/out/node/entry.js" ]; then
  log "code-server $CODE_SERVER_VERSION already provisioned in $DEST"
  echo "$DEST"
  exit 0
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" != 20 ]; then
  log "code-server $CODE_SERVER_VERSION needs Node 20 (found $(node --version))"
  exit 1
fi

mkdir -p "$(dirname "$DEST")"
# One provisioning at a time per cache directory.
exec 9> "$DEST.lock"
flock 9
if [ -f "$DEST/$MARKER_NAME" ]; then
  log "code-server provisioned by a concurrent run in $DEST"
  echo "$DEST"
  exit 0
fi

work="$DEST.partial"
rm -rf "$work" "$DEST"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
log "installing code-server $CODE_SERVER_VERSION into $work (a few minutes)"

# npm: never prompt (node-pty's build calls npx node-gyp), scripts may run as root, and build
# native modules against the running Node's headers.
export npm_config_yes=true npm_config_unsafe_perm=true npm_config_audit=false \
  npm_config_fund=false npm_config_update_notifier=false npm_config_loglevel=error
npm_install() { npm install --no-save --omit=dev "$@"; }

cd "$work"
printf '{ "name": "tcpdump-lens-code-server", "private": true }\n' > package.json
npm_install --ignore-scripts "code-server@$CODE_SERVER_VERSION"
cs="$work/node_modules/code-server"
log "code-server package fetched ($(($(now) - started)) s)"

# What code-server's postinstall.sh does, with the downloads replaced by Debian's packages.
cd "$cs/lib/vscode"
npm_install --ignore-scripts
# @vscode/ripgrep's postinstall downloads rg from GitHub unless bin/ already exists.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sfn "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild
ln -sfn node_modules node_modules.asar
ln -sfn code-linux.sh bin/remote-cli/code-server
ln -sfn browser-linux.sh bin/helpers/browser.sh
log "VS Code server dependencies built ($(($(now) - started)) s)"

cd extensions
npm_install --ignore-scripts
# (postinstall.mjs only trims typescript's files; nothing needs it.)

# argon2 (password hashing; loaded at start even with --auth none) is hoisted to the top level.
cd "$work"
npm rebuild argon2

# Smoke test: the server must at least print its version. (--config keeps it from writing a
# default config into ~/.config/code-server.)
printf 'auth: none\n' > "$work/config.yaml"
version_line=$(node "$cs/out/node/entry.js" --config "$work/config.yaml" --version |
  grep -E "^$CODE_SERVER_VERSION " || true)
if [ -z "$version_line" ]; then
  log "code-server does not start: node $cs/out/node/entry.js --version"
  exit 1
fi

printf 'code-server %s\nnode %s\nprovisioned %s\n' "$version_line" "$(node --version)" \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$work/$MARKER_NAME"
trap - EXIT
mv "$work" "$DEST"
log "code-server $version_line ready in $DEST ($(($(now) - started)) s, $(du -sh "$DEST" | cut -f1))"
echo "$DEST"
