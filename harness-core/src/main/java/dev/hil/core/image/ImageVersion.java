package dev.hil.core.image;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MCUboot's {@code struct image_version}: major.minor.revision+build. Ordered as MCUboot orders them. */
public record ImageVersion(int major, int minor, int revision, long build) implements Comparable<ImageVersion> {
    private static final Pattern TEXT = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(?:[+.](\\d+))?");

    public static ImageVersion parse(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version (write major.minor.revision[+build])");
        }
        ImageVersion v = new ImageVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Long.parseLong(m.group(4)));
        if (v.major > 255 || v.minor > 255 || v.revision > 65535 || v.build > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("'" + text + "' does not fit MCUboot's version fields (u8.u8.u16+u32)");
        }
        return v;
    }

    @Override
    public int compareTo(ImageVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(revision, o.revision);
        if (c == 0) c = Long.compare(build, o.build);
        return c;
    }

    /** As MCUmgr reports it: {@code 1.2.3}, or {@code 1.2.3.4} when the build number is not 0. */
    @Override
    public String toString() {
        return major + "." + minor + "." + revision + (build != 0 ? "." + build : "");
    }
}
