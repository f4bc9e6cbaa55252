package dev.hil.core.run.rig;

import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.FaultFactory;
import dev.hil.core.fault.Trigger;
import dev.hil.core.link.LinkTap;
import dev.hil.core.scenario.FaultSpec;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Faults for the runner's unit tests, built from scenario specs like the real ones:
 * {@code cut {byte: N, off-ms: T}} cuts the supply after image byte N and restores it T later;
 * {@code glitch {release-fails: TEXT}} fires as soon as it is armed, does nothing, and its release
 * throws when asked to; {@code never} is armed and never fires.
 */
public final class ScriptedFaults implements FaultFactory {
    @Override
    public Set<String> kinds() {
        return Set.of("cut", "glitch", "never");
    }

    @Override
    public Fault create(FaultSpec spec) {
        return switch (spec.kind()) {
            case "cut" -> new Cut(((Number) spec.params().get("byte")).longValue(),
                    Duration.ofMillis(((Number) spec.params().get("off-ms")).longValue()));
            case "glitch" -> new Glitch((String) spec.params().get("release-fails"));
            case "never" -> new Glitch(null, new Never());
            default -> throw new IllegalArgumentException("unknown " + spec.kind());
        };
    }

    /** Fires at an exact image byte, through a tap on the rig's link. */
    static final class AtImageByte implements Trigger {
        private final long at;
        private volatile LinkTap tap;
        private volatile FaultContext context;

        AtImageByte(long at) {
            this.at = at;
        }

        @Override
        public void arm(FaultContext c, Firing fire) {
            context = c;
            tap = new LinkTap() {
                private volatile boolean done;

                @Override
                public long imageBoundary() {
                    return done ? -1 : at;
                }

                @Override
                public void atImageBoundary(long imageBytes, long wireBytes) {
                    done = true;
                    fire.fire("image byte " + imageBytes + " of " + c.rig().link().imageBytesTotal() + " written");
                }
            };
            c.rig().link().addTap(tap);
        }

        @Override
        public void disarm() {
            LinkTap t = tap;
            if (t != null) {
                context.rig().link().removeTap(t);
            }
        }

        @Override
        public String describe() {
            return "bytes " + at;
        }
    }

    static final class OnArming implements Trigger {
        @Override
        public void arm(FaultContext context, Firing fire) {
            fire.fire("arming");
        }

        @Override
        public void disarm() {
        }

        @Override
        public String describe() {
            return "arming";
        }
    }

    static final class Never implements Trigger {
        @Override
        public void arm(FaultContext context, Firing fire) {
        }

        @Override
        public void disarm() {
        }

        @Override
        public String describe() {
            return "never";
        }
    }

    static final class Cut implements Fault {
        private final Trigger trigger;
        private final Duration offFor;
        private volatile boolean active;
        private volatile ScheduledFuture<?> restore;

        Cut(long atByte, Duration offFor) {
            this.trigger = new AtImageByte(atByte);
            this.offFor = offFor;
        }

        @Override
        public String kind() {
            return "cut";
        }

        @Override
        public Trigger trigger() {
            return trigger;
        }

        @Override
        public void inject(FaultContext context, String observed) {
            active = true;
            context.rig().power().off();
            restore = context.scheduler().schedule(() -> {
                context.rig().power().on();
                active = false;
            }, offFor.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public boolean active() {
            return active;
        }

        @Override
        public void release(FaultContext context) {
            ScheduledFuture<?> r = restore;
            if (r != null && r.cancel(false)) {
                active = false;
            }
        }
    }

    static final class Glitch implements Fault {
        private final String releaseFailure;
        private final Trigger trigger;

        Glitch(String releaseFailure) {
            this(releaseFailure, new OnArming());
        }

        Glitch(String releaseFailure, Trigger trigger) {
            this.releaseFailure = releaseFailure;
            this.trigger = trigger;
        }

        @Override
        public String kind() {
            return trigger instanceof Never ? "never" : "glitch";
        }

        @Override
        public Trigger trigger() {
            return trigger;
        }

        @Override
        public void inject(FaultContext context, String observed) {
        }

        @Override
        public boolean interruptsUpdate() {
            return false;
        }

        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void release(FaultContext context) {
            if (releaseFailure != null) {
                throw new IllegalStateException(releaseFailure);
            }
        }
    }
}
