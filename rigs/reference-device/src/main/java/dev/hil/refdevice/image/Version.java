package dev.hil.refdevice.image;

/**
 * MCUboot's {@code struct image_version} (u8 major, u8 minor, u16 revision, u32 build_num), ordered
 * field by field as MCUboot's downgrade prevention compares them.
 *
 * <p>Deliberately written again beside the harness's {@code dev.hil.core.image.ImageVersion}: the
 * checked device shares no code with its checker.
 */
public record Version(int major, int minor, int revision, long build) implements Comparable<Version> {

    @Override
    public int compareTo(Version other) {
        long[] mine = {major, minor, revision, build};
        long[] theirs = {other.major, other.minor, other.revision, other.build};
        for (int i = 0; i < mine.length; i++) {
            if (mine[i] != theirs[i]) {
                return mine[i] < theirs[i] ? -1 : 1;
            }
        }
        return 0;
    }

    /** As Zephyr's img_mgmt prints it: {@code major.minor.revision}, then {@code .build} when it is not 0. */
    @Override
    public String toString() {
        String text = major + "." + minor + "." + revision;
        return build == 0 ? text : text + "." + build;
    }
}
