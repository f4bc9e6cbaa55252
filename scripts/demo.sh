#!/usr/bin/env bash
# Sets up a fresh Debian machine, builds the harness and runs the standard scenario library on the
# virtual rig. Ends with the path of the Allure results.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh || exit 3
mvn -B -q -DskipTests package || exit 3
./hil run --rig rigs/virtual.yaml --results target/allure-results \
  scenarios/library/power scenarios/library/link scenarios/library/security scenarios/library/timing
status=$?
./hil report --results target/allure-results --out target/allure-report --single-file >/dev/null \
  || echo "demo: could not build the HTML report (results are still in target/allure-results)"
echo "results: $(pwd)/target/allure-results"
echo "report:  $(pwd)/target/allure-report/index.html"
exit $status
