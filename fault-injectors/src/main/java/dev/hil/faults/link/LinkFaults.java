package dev.hil.faults.link;

import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultFactory;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.faults.FaultParams;
import dev.hil.faults.trigger.AtUpdateStart;
import java.time.Duration;
import java.util.Set;

/** Builds the faults that act on the serial link between harness and device. */
public final class LinkFaults implements FaultFactory {
    /** Enough to cover several SMP frames; more is a different fault (a drop or a truncation). */
    private static final int MAX_BYTES = 1024;

    @Override
    public Set<String> kinds() {
        return Set.of("link-drop", "corrupt", "delay", "truncate", "stall", "duplicate", "garbage");
    }

    @Override
    public Fault create(FaultSpec spec) {
        return switch (spec.kind()) {
            case "link-drop" -> linkDrop(new FaultParams(spec, "at", "for", "bytes", "direction"));
            case "corrupt" -> corrupt(new FaultParams(spec, "at", "bits", "bytes", "seed"));
            case "delay" -> delay(new FaultParams(spec, "at", "ms", "jitter", "seed"));
            case "truncate" -> new Truncation(new FaultParams(spec, "at").at("where the upload stops"));
            case "stall" -> stall(new FaultParams(spec, "at", "for"));
            case "duplicate" -> new DuplicateFrame(new FaultParams(spec, "at").at("which frame is sent twice"));
            case "garbage" -> garbage(new FaultParams(spec, "at", "bytes", "seed"));
            default -> throw new IllegalArgumentException("not a link fault: " + spec.kind());
        };
    }

    private static Fault linkDrop(FaultParams p) {
        var at = p.at("when bytes start vanishing");
        String how = p.oneOf("for", "bytes", "for: a duration, or bytes: how many bytes vanish");
        Direction d = Direction.of(p.choice("direction", "both", "host-to-device", "device-to-host", "both"));
        return how.equals("for") ? LinkDrop.forTime(at, p.duration("for"), d)
                : LinkDrop.forBytes(at, p.count("bytes", 1, 1_000_000), d);
    }

    private static Fault corrupt(FaultParams p) {
        var at = p.at("the first damaged byte follows the trigger point");
        String unit = p.oneOf("bits", "bytes", "bits: N flips one bit in each of N bytes, bytes: N replaces N bytes");
        return new Corruption(at, unit.equals("bits") ? Corruption.Unit.BITS : Corruption.Unit.BYTES,
                p.count(unit, 1, MAX_BYTES), p.seed());
    }

    private static Fault delay(FaultParams p) {
        if (!p.has("ms")) {
            throw new IllegalArgumentException("delay needs 'ms' (the fixed hold per write, e.g. ms: 20)");
        }
        return new LinkDelay(p.has("at") ? p.at("") : new AtUpdateStart(), p.millis("ms", Duration.ZERO),
                p.millis("jitter", Duration.ZERO), p.seed());
    }

    private static Fault stall(FaultParams p) {
        return new Stall(p.at("where the writer pauses"), p.duration("for"));
    }

    private static Fault garbage(FaultParams p) {
        var at = p.at("the noise follows the frame in progress");
        if (!p.has("bytes")) {
            throw new IllegalArgumentException("garbage needs 'bytes' (how many random bytes, 1.." + MAX_BYTES + ")");
        }
        return new Garbage(at, p.count("bytes", 1, MAX_BYTES), p.seed());
    }
}
