#!/usr/bin/env bash
# Installs code-server (VS Code in a browser, with the real Node extension host) and the Debian
# packages the real-VS-Code tests need, without reaching anything but the npm registry and apt.
# See /work/shared/guides/vscode-e2e.md for why each step exists. Idempotent: a second run only
# checks the apt packages and the marker file. Run as root (or with sudo available).
#
#   bash scripts/installCodeServer.sh
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CS_DIR="$ROOT/.vscode-test/code-server-$CODE_SERVER_VERSION"
CS_PKG="$CS_DIR/node_modules/code-server"
MARKER="$CS_DIR/.install-complete"
APT_PACKAGES=(chromium ripgrep libkrb5-dev build-essential python3 pkg-config curl)

step() { printf '[installCodeServer] %s\n' "$*"; }

# 1. Debian packages. Checked on every run (dpkg-query is fast) because CI may restore the
#    .vscode-test cache onto a machine that has never seen these packages.
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]} == 0)); then
  step "apt: all packages present (${APT_PACKAGES[*]})"
else
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { step "apt: need root to install ${missing[*]}"; exit 1; }
    SUDO=(sudo)
  fi
  step "apt: installing ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ -f "$MARKER" && -f "$CS_PKG/out/node/entry.js" ]]; then
  step "code-server $CODE_SERVER_VERSION already installed in ${CS_DIR#"$ROOT"/} (marker present)"
  exit 0
fi

# Node 20 only: code-server's postinstall refuses anything else, and 4.100.3 is the newest
# release that runs on it.
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [[ "$node_major" != 20 ]]; then
  step "node 20 required (found $(node --version))"
  exit 1
fi

# A private TMPDIR so the ripgrep cache we seed is the one the postinstall sees, and nothing
# leaks into (or is read from) the shared /tmp.
PRIV_TMP="$(mktemp -d)"
trap 'rm -rf "$PRIV_TMP"' EXIT

# 2. code-server itself, without scripts: its postinstall would run `npm install` in lib/vscode
#    before ripgrep's cache is seeded, and ripgrep would then try GitHub.
step "npm: installing code-server@$CODE_SERVER_VERSION into ${CS_DIR#"$ROOT"/}"
rm -rf "$CS_DIR"
mkdir -p "$CS_DIR"
# Its own package.json makes the folder its own npm prefix instead of the repository's.
printf '{ "name": "code-server-cache", "private": true }\n' >"$CS_DIR/package.json"
(cd "$CS_DIR" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
  "code-server@$CODE_SERVER_VERSION" >/dev/null)

# 3. Pre-seed @vscode/ripgrep's download cache with Debian's rg: its postinstall downloads from
#    GitHub, which is unreachable. The package version comes from VS Code's shrinkwrap; the
#    release tag it looks for is the VERSION constant in that version's lib/postinstall.js.
rg_version="$(node -p "require('$CS_PKG/lib/vscode/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep'].version")"
(cd "$PRIV_TMP" && npm pack --silent "@vscode/ripgrep@$rg_version" >/dev/null)
tar xzf "$PRIV_TMP/vscode-ripgrep-$rg_version.tgz" -C "$PRIV_TMP" package/lib/postinstall.js
rg_tag="$(sed -n "s/^const VERSION = '\(v[^']*\)'.*/\1/p" "$PRIV_TMP/package/lib/postinstall.js")"
case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64) rg_target=aarch64-unknown-linux-musl ;;
  *) step "ripgrep: unsupported architecture $(uname -m)"; exit 1 ;;
esac
[[ -n "$rg_tag" ]] || { step "ripgrep: no VERSION in @vscode/ripgrep@$rg_version postinstall.js"; exit 1; }
rg_bin="$(command -v rg)"
rg_cache="$PRIV_TMP/vscode-ripgrep-cache-$rg_version"
mkdir -p "$rg_cache"
tar czf "$rg_cache/ripgrep-$rg_tag-$rg_target.tar.gz" -C "$(dirname "$rg_bin")" "$(basename "$rg_bin")"
step "ripgrep: seeded @vscode/ripgrep@$rg_version cache ($rg_tag, $rg_target) with $rg_bin"

# 4. Now run every install script (code-server's postinstall installs VS Code's own
#    dependencies and builds the native modules). unsafe_perm: we are root; yes: node-pty runs
#    `npx node-gyp` without a TTY to confirm on.
step "npm: rebuild (VS Code dependencies and native modules; takes a few minutes)"
log="$CS_DIR/rebuild.log"
if ! (cd "$CS_DIR" && TMPDIR="$PRIV_TMP" npm_config_unsafe_perm=true npm_config_yes=true \
  npm rebuild --no-audit --no-fund >"$log" 2>&1); then
  tail -n 40 "$log"
  step "npm rebuild failed (full log: ${log#"$ROOT"/})"
  exit 1
fi

# Even --version writes a default config and logs: keep them in the private temp folder.
version="$(XDG_CONFIG_HOME="$PRIV_TMP" XDG_DATA_HOME="$PRIV_TMP" node "$CS_PKG/out/node/entry.js" \
  --config "$PRIV_TMP/config.yaml" --version 2>/dev/null | grep -m 1 "^$CODE_SERVER_VERSION" || true)"
[[ "$version" == "$CODE_SERVER_VERSION"* ]] || { step "code-server --version printed '$version'"; exit 1; }
[[ -x "$CS_PKG/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]] || { step "ripgrep binary missing after rebuild"; exit 1; }
date -u +%FT%TZ >"$MARKER"
step "code-server $version ready"
