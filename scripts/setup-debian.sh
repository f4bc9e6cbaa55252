#!/usr/bin/env bash
# Installs what the harness needs on a fresh Debian machine (run as root or with sudo), and says
# what it installs. Packages already present are left alone.
set -euo pipefail
packages=(openjdk-17-jdk-headless maven socat lrzsz procps util-linux qemu-system-arm u-boot-qemu chromium pdudaemon)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all needed packages present: ${packages[*]}"
  exit 0
fi
echo "setup: installing with apt-get: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: installed ${missing[*]}"
