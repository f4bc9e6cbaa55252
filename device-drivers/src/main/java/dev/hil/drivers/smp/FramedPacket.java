package dev.hil.drivers.smp;

import dev.hil.core.link.ImageSpan;

/**
 * An SMP packet in serial-transport form, with the image bytes it carries.
 *
 * @param wire the frames, ready for {@link dev.hil.core.link.SerialLink#write}
 * @param span which image bytes {@code wire} carries and where ({@link ImageSpan#NONE} if none)
 */
public record FramedPacket(byte[] wire, ImageSpan span) {
}
