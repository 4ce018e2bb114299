# Shared set-up for scripts/serve, scripts/build, scripts/test and scripts/bench (sourced, not run).
# Creates or reuses .venv, installs Python and npm dependencies when their files change.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'Error: %s\n' "$*" >&2; exit 1; }

find_python() {
  for candidate in "${PYTHON:-}" python3 python3.14 python3.13 python3.12 python3.11; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

stamp_of() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

setup_python() {
  if [ ! -x .venv/bin/python ]; then
    local py
    py="$(find_python)" || die "Python 3.11 or newer is needed (apt-get install python3 python3-venv)."
    say "Creating the virtual environment .venv with $py"
    "$py" -m venv .venv || die "could not create .venv (on Debian: apt-get install python3-venv)"
  fi
  local want
  want="$(stamp_of pyproject.toml)"
  if [ "$(cat .venv/.installed 2>/dev/null)" != "$want" ]; then
    say "Installing Python dependencies into .venv"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[dev]"
    echo "$want" > .venv/.installed
  fi
  PY="$ROOT/.venv/bin/python"
  export PATH="$ROOT/.venv/bin:$PATH"
}

setup_node() {
  command -v npm >/dev/null 2>&1 || die "Node.js 20 and npm are needed (apt-get install nodejs npm)."
  local want
  want="$(stamp_of package.json package-lock.json)"
  if [ ! -d node_modules/pyodide ] || [ "$(cat node_modules/.installed 2>/dev/null)" != "$want" ]; then
    say "Installing npm packages (pyodide, axe-core)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > node_modules/.installed
  fi
}

# Build the site into a temporary folder, and only replace site/ when the build succeeded.
# The folder a build goes to: SITE_DIR, or site/. A folder that holds something other than a built site
# (or the project itself, or /) is refused, because a build replaces the whole folder.
site_target() {
  local target="${SITE_DIR:-site}"
  while [ "${#target}" -gt 1 ] && [ "${target%/}" != "$target" ]; do target="${target%/}"; done
  [ -n "$target" ] || die "SITE_DIR is empty: give a folder for the built site, for example SITE_DIR=site"
  local resolved here
  resolved="$(realpath -m -- "$target")"
  here="$(realpath -m -- "$ROOT")"
  case "$here/" in "$resolved"/*) die "SITE_DIR=$target is the project or a folder above it; a build would replace it. Use a folder of its own, for example SITE_DIR=site" ;; esac
  case "$resolved/" in "$here/docs/"*|"$here/exercises/"*|"$here/scripts/"*|"$here/overrides/"*)
    die "SITE_DIR=$target is inside the project's own sources; use a folder of its own, for example SITE_DIR=site" ;; esac
  if [ -e "$resolved" ] && [ ! -d "$resolved" ]; then die "SITE_DIR=$target is a file, not a folder"; fi
  if [ -d "$resolved" ] && [ -n "$(ls -A "$resolved" 2>/dev/null)" ] && [ ! -f "$resolved/index.html" ]; then
    die "SITE_DIR=$target already holds files that are not a built site; a build would replace them. Choose an empty or new folder"
  fi
  printf '%s' "$target"
}

build_site() {
  local target tmp
  target="$(site_target)" || exit 1
  tmp="$target.tmp.$$"
  # Folders left by builds that were stopped (their process is gone) are removed.
  local old pid
  for old in "$target".tmp.* "$target".old.*; do
    [ -e "$old" ] || continue
    pid="${old##*.}"
    if ! kill -0 "$pid" 2>/dev/null; then rm -rf -- "$old"; fi
  done
  rm -rf -- "$tmp"
  trap 'rm -rf -- "$tmp"' EXIT
  trap 'rm -rf -- "$tmp"; exit 130' INT
  trap 'rm -rf -- "$tmp"; exit 143' TERM
  say "Building the site"
  if ! "$PY" -m mkdocs build --strict --site-dir "$tmp"; then
    rm -rf -- "$tmp"
    die "the build failed (see above); $target/ was left as it was, and nothing new was written."
  fi
  rm -rf -- "$target.old.$$"
  [ -e "$target" ] && mv -- "$target" "$target.old.$$"
  mv -- "$tmp" "$target"
  rm -rf -- "$target.old.$$"
  trap - EXIT INT TERM
  say "Built the site into $target/"
}

setup_python
setup_node
