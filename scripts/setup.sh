#!/usr/bin/env bash
# scripts/setup.sh - install what building and testing Weft needs (Debian).
#
# Idempotent: packages already installed are skipped, and `apt-get update`
# runs only when something must be installed.  Runs apt-get as root, or
# through sudo otherwise.  Safe without a terminal (CI).
set -euo pipefail

# cmake/make/gcc/clang: build; pkg-config: finds libuv; libuv1-dev: the
# runtime's event loop; libgmp-dev: BigInt (mpn layer); tar/gzip: test262.
packages=(cmake make gcc clang pkg-config libuv1-dev libgmp-dev tar gzip)

# node is only a benchmark reference (bench/run.js), never needed for tests.
if ! command -v node > /dev/null 2>&1; then
  packages+=(nodejs)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg -s "$p" > /dev/null 2>&1 ||
     ! dpkg -s "$p" 2> /dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all packages present (${packages[*]})"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo > /dev/null 2>&1; then
  SUDO=(sudo -n)
else
  echo "setup: need root (or sudo) to install: ${missing[*]}" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" < /dev/null
echo "setup: done"
