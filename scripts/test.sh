#!/usr/bin/env bash
# Sets up a fresh Debian machine and runs every test: unit tests and the end-to-end tests on the
# virtual rig (real PTYs, real processes). This is what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
mvn -B verify
