package dev.hil.drivers.process;

/**
 * {@link System#nanoTime()} instants of one kill of the device program (power-off or reset hold),
 * so a benchmark can say which step of the cut path the time went to. Taking them costs a few
 * clock reads on the cut path and no allocation before the kill is sent.
 *
 * @param relayedNanos the relay reached the device (power-off or reset hold entered)
 * @param callNanos    kill(2) about to be called
 * @param sentNanos    kill(2) returned: the SIGKILL was sent
 * @param goneNanos    the program was reaped (0 if it was not within the wait)
 */
public record KillTimes(long relayedNanos, long callNanos, long sentNanos, long goneNanos) {
}
