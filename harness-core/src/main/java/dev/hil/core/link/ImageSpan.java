package dev.hil.core.link;

/**
 * Which image bytes a wire write carries. {@code wirePrefix[n]} is the shortest prefix of the
 * write (in wire bytes) that holds every bit of the first {@code n} image bytes of the span, and
 * no wire byte whose bits belong only to later image bytes; {@code wirePrefix[0]} is the wire
 * written before the first image bit (frame start, header).
 */
public record ImageSpan(long firstImageByte, int[] wirePrefix) {
    public static final ImageSpan NONE = new ImageSpan(0, new int[0]);

    public int count() {
        return wirePrefix.length == 0 ? 0 : wirePrefix.length - 1;
    }

    public boolean carriesImage() {
        return wirePrefix.length > 1;
    }
}
