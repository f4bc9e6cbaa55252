#!/usr/bin/env bash
# Starts the simulated lab bench that rigs/bench-sim.yaml and rigs/bench-sim-command.yaml drive:
# GPIO folder, board UART behind a by-id style link, board log and events under target/bench-sim.
# Runs in the foreground; Ctrl-C (or SIGTERM) powers the board off and removes the port.
#   scripts/bench-sim.sh [BENCH-DIR] [-- EXTRA-DEVICE-ARGS...]
# BENCH_SIM_OPTS adds bench options, e.g. --port-stays (an external USB-UART that stays up while
# the board is off).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/target/bench-sim}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
for jar in rigs/bench-sim/target/bench-sim.jar rigs/reference-device/target/virtual-device.jar; do
    [ -f "$root/$jar" ] || { echo "bench-sim: $jar is missing: build first (mvn -B -q install -DskipTests)" >&2; exit 2; }
done
key=$root/scenarios/library/images/test-signing.pub.pem
# The library's test keys and images are generated on first use; validate does that.
[ -f "$key" ] || "$root/hil" validate --rig "$root/rigs/virtual.yaml" "$root/scenarios/library/power/clean-update.yaml" >/dev/null
mkdir -p "$dir/flash"
exec java -jar "$root/rigs/bench-sim/target/bench-sim.jar" --gpio "$dir/gpio" \
    --port-link "$dir/dev/serial/by-id/usb-HIL_Bench-Sim_0001-if00-port0" --events "$dir/events.log" \
    --device-log "$dir/device.log" --power-line 17 --reset-line 27 --boot-mode-line 22 ${BENCH_SIM_OPTS:-} \
    -- java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar "$root/rigs/reference-device/target/virtual-device.jar" \
    --state "$dir/flash" --trust "$key" "$@"
