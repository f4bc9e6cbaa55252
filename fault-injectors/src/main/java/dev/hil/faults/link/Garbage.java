package dev.hil.faults.link;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.link.SerialLink;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Line noise between frames, host→device: N seeded random bytes go out right after the end
 * ('\n') of the frame in progress when the trigger fires, or before the next frame if none is.
 * Host→device because the device's frame parser is what is under test: it must skip the noise
 * (or drop what it spoils) and keep serving; the client's retry covers a spoiled request. The
 * noise goes out with the next frame end; nothing lasts to wait for.
 */
public final class Garbage extends LinkFilterFault {
    private final int count;
    private byte[] noise;
    private boolean pending;

    public Garbage(Trigger trigger, int count, OptionalLong seed) {
        super("garbage", trigger, seed);
        this.count = count;
    }

    @Override
    public void inject(FaultContext context, String observed) {
        SerialLink link = capture(context);
        synchronized (this) {
            noise = new byte[count];
            random().nextBytes(noise);
            pending = true;
        }
        link.addFilter(this);
    }

    @Override
    public synchronized byte[] outgoing(byte[] wire, Wire position) {
        if (!pending || wire.length == 0) {
            return wire;
        }
        int at = startsFrame(wire) ? 0 : endOfFrame(wire);
        if (at < 0) {
            return wire;
        }
        byte[] out = new byte[wire.length + noise.length];
        System.arraycopy(wire, 0, out, 0, at);
        System.arraycopy(noise, 0, out, at, noise.length);
        System.arraycopy(wire, at, out, at + noise.length, wire.length - at);
        note(String.format("%d random bytes inserted before wire byte %d"
                        + " (%d image bytes written), seed %d: %s", noise.length, position.wireOffset() + at,
                position.imageBytes(), seed(), HexFormat.of().formatHex(noise)));
        pending = false;
        link().removeFilter(this);
        return out;
    }

    /** A write that begins with a start pair (SMP 0x06 0x09 / 0x04 0x14) begins a frame. */
    private static boolean startsFrame(byte[] wire) {
        return wire.length >= 2 && ((wire[0] == 0x06 && wire[1] == 0x09) || (wire[0] == 0x04 && wire[1] == 0x14));
    }

    /** Index just after the first '\n', or -1. */
    private static int endOfFrame(byte[] wire) {
        for (int i = 0; i < wire.length; i++) {
            if (wire[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }
}
