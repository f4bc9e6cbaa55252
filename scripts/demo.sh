#!/usr/bin/env bash
# Sets up a fresh Debian machine, builds the harness and runs the standard scenario library on the
# virtual rig. Ends with the path of the Allure results.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh || exit 3
mvn -B -q -DskipTests package || exit 3
./hil run --rig rigs/virtual.yaml --results target/allure-results scenarios/library
status=$?
echo "report (Allure results): $(pwd)/target/allure-results"
exit $status
