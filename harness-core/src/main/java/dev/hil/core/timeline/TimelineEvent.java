package dev.hil.core.timeline;

import dev.hil.core.run.FailureCode;
import dev.hil.core.run.Status;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What happened at one instant of a case, as typed facts: reports read the fields (pattern
 * matching on the type), never the text, which is only the readable form {@link Timeline#render()}
 * writes.
 */
public sealed interface TimelineEvent {
    /** Short name in the text timeline (e.g. {@code power}, {@code fault}). */
    String label();

    /** One readable line. */
    String text();

    /** False for the many small events that have attachments of their own (log lines, acks). */
    default boolean inTextTimeline() {
        return true;
    }

    /** The runner began a step (provision, update, recovery, verify...). */
    record StepStarted(String step) implements TimelineEvent {
        public String label() { return "step"; }
        public String text() { return step; }
    }

    /** The supply switched; {@code cause} says who and why (end of scenario, a power cut at byte N...). */
    record PowerChanged(boolean on, String cause) implements TimelineEvent {
        public String label() { return "power"; }
        public String text() { return (on ? "on" : "off") + (cause.isEmpty() ? "" : ": " + cause); }
    }

    /** A switching that did not happen: the supply kept its state. */
    record PowerSwitchFailed(boolean wantedOn, String reason) implements TimelineEvent {
        public String label() { return "power"; }
        public String text() { return "could not power " + (wantedOn ? "on" : "off") + ": " + reason; }
    }

    /**
     * A bench line (supply, reset, boot-mode) as the power driver switched it: {@code took} from
     * the call to the driver returning; with the fault that caused it on the timeline just before.
     */
    record LineSwitched(String line, boolean active, String driver, Duration took) implements TimelineEvent {
        public String label() { return "line"; }
        public String text() {
            return line + " " + (active ? "active" : "inactive") + " via " + driver + " in " + Durations.micros(took);
        }
    }

    /** The board's port came back after power-on (a USB-UART re-enumerating), {@code waited} after the switch. */
    record PortReturned(String port, String node, Duration waited) implements TimelineEvent {
        public String label() { return "port"; }
        public String text() { return port + " back as " + node + " after " + Durations.human(waited); }
    }

    /** How the board was brought to the given image (provision strategy) and with what result. */
    record Provisioned(String strategy, String result) implements TimelineEvent {
        public String label() { return "provision"; }
        public String text() { return strategy + ": " + result; }
    }

    /** The device's reset pin was driven active ({@code held}) or released. */
    record ResetLineChanged(boolean held, String cause) implements TimelineEvent {
        public String label() { return "reset"; }
        public String text() { return "reset pin " + (held ? "held" : "released") + (cause.isEmpty() ? "" : ": " + cause); }
    }

    /** A fault's trigger started watching when the update began. */
    record FaultArmed(String fault, String trigger) implements TimelineEvent {
        public String label() { return "armed"; }
        public String text() { return fault + " at " + trigger; }
    }

    /**
     * A trigger fired and its fault was injected. {@code observed}: what the trigger saw;
     * {@code imageByte}/{@code imageBytes}: image bytes that had left the host, of the transfer's
     * total, when it fired (empty before any upload).
     */
    record FaultFired(String fault, String trigger, String observed, OptionalLong imageByte, OptionalLong imageBytes)
            implements TimelineEvent {
        public String label() { return "fault"; }
        public String text() { return fault + " fired: " + trigger + " at " + observed; }
    }

    /** A link fault took effect ({@code inEffect}) or the link is whole again. */
    record LinkFaultChanged(String fault, boolean inEffect, String what) implements TimelineEvent {
        public String label() { return fault; }
        public String text() { return what; }
    }

    /** What a fault did while in effect (a byte damaged, a frame sent twice, a release that failed). */
    record FaultNote(String fault, String what) implements TimelineEvent {
        public String label() { return fault; }
        public String text() { return what; }
    }

    /** A composed trigger saw one of its parts (all-of, nth) without firing yet. */
    record TriggerProgress(String trigger, String what) implements TimelineEvent {
        public String label() { return "trigger"; }
        public String text() { return trigger + ": " + what; }
    }

    /** The update client began sending an image of {@code totalBytes}. */
    record UploadStarted(long totalBytes) implements TimelineEvent {
        public String label() { return "upload"; }
        public String text() { return "start: " + totalBytes + " image bytes"; }
    }

    /** The device acknowledged image bytes up to {@code imageBytes}. */
    record UploadAcked(long imageBytes, long totalBytes) implements TimelineEvent {
        public String label() { return "upload"; }
        public String text() { return "acknowledged " + imageBytes + " of " + totalBytes; }
        public boolean inTextTimeline() { return false; }
    }

    /** Every image byte was acknowledged. */
    record UploadCompleted(long imageBytes) implements TimelineEvent {
        public String label() { return "update"; }
        public String text() { return "upload complete: " + imageBytes + " image bytes acknowledged"; }
    }

    /** A step's progress as the runner tells it ({@code topic}: provision, update, recovery, verify). */
    record Note(String topic, String text) implements TimelineEvent {
        public String label() { return topic; }
    }

    /** The device answered on an image {@code took} after the last fault ended, against {@code budget}. */
    record Recovered(Duration took, Duration budget, String image) implements TimelineEvent {
        public String label() { return "recovered"; }
        public String text() {
            return String.format(Locale.ROOT, "in %.0f ms (budget %s): %s", took.toNanos() / 1e6, Durations.human(budget),
                    image);
        }
    }

    /** One image check the device logged, timed by the harness from its two log lines. */
    record SignatureChecked(Duration took, Duration budget, String startLine, String endLine)
            implements TimelineEvent {
        public String label() { return "signature check"; }
        public String text() {
            return String.format(Locale.ROOT, "%.1f ms (budget %s): %s -> %s", took.toNanos() / 1e6,
                    Durations.human(budget), startLine, endLine);
        }
    }

    /** How the case ended; {@code code} and {@code message} are null when it passed. */
    record Verdict(Status status, FailureCode code, String message) implements TimelineEvent {
        public String label() { return "verdict"; }
        public String text() { return status == Status.PASSED ? "PASSED" : status + " " + code + ": " + message; }
    }

    /** A line of the device's own log, as it arrived. */
    record DeviceLogged(String line) implements TimelineEvent {
        public String label() { return "device"; }
        public String text() { return line; }
        public boolean inTextTimeline() { return false; }
    }

    /** A decoded request or response of the update protocol (the serial transcript). */
    record Transcribed(String line) implements TimelineEvent {
        public String label() { return "transcript"; }
        public String text() { return line; }
        public boolean inTextTimeline() { return false; }
    }
}
