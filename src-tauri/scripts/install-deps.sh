#!/usr/bin/env bash
# Installs what Magday needs on Debian/Ubuntu, only what is missing:
#   install-deps.sh app   system libraries to build and run the app, the UI's npm packages
#   install-deps.sh test  the above, plus Xvfb, WebKitWebDriver, a D-Bus session, Python 3 with
#                         venv (the FHIR validator, tests/fhir/install.sh), tauri-driver
#                         and the end-to-end tests' npm packages
# It uses apt-get (as root, or through sudo), npm and cargo. It never downloads anything else.
set -euo pipefail

mode="${1:-app}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

say() { printf '\033[1m[magday]\033[0m %s\n' "$*"; }

app_packages=(libwebkit2gtk-4.1-dev build-essential pkg-config curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev)
# dunst: a real notification daemon, installed so that a test proves the tests' own D-Bus buses
# never start one the host has (tests/e2e/notifications.test.mjs), and for looking at reminders.
test_packages=(xvfb webkit2gtk-driver dbus dbus-x11 libnotify-bin libglib2.0-bin xdotool faketime dunst python3 python3-venv)

packages=("${app_packages[@]}")
[ "$mode" = test ] && packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing system packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  say "Rust is missing: install it with rustup (https://rustup.rs), then run this again."
  exit 1
fi
if ! command -v node >/dev/null 2>&1; then
  say "Node.js is missing: installing Debian's nodejs and npm"
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq nodejs npm
fi
node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); console.log(a>20||(a===20&&b>=19)?1:0)')
if [ "$node_ok" != 1 ]; then
  say "Node.js $(node --version) is too old: the UI build (Vite 8) needs Node 20.19 or newer."
  exit 1
fi

npm_ci() {
  local dir="$1"
  # Reinstall only when the lock file changed since the last install.
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.magday-lock"; then
    say "installing npm packages in $dir"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
    cp "$dir/package-lock.json" "$dir/node_modules/.magday-lock"
  fi
}
npm_ci ui

if [ "$mode" = test ]; then
  npm_ci tests/e2e
  if ! command -v tauri-driver >/dev/null 2>&1 || ! tauri-driver --help 2>&1 | grep -q "native-driver"; then
    say "installing tauri-driver 2.1.0 (cargo)"
    cargo install tauri-driver --locked --version 2.1.0
  fi
fi
