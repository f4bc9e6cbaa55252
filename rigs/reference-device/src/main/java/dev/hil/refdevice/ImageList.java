package dev.hil.refdevice;

/**
 * How the board's image state answer is encoded, as its Zephyr build chose: {@link #FULL} (the
 * first profile: "image" on every entry, every flag, a top-level "splitStatus", as older and
 * multi-image builds send) or {@link #FRUGAL} (a single-image build with
 * CONFIG_MCUMGR_GRP_IMG_FRUGAL_LIST: no "image" key, only the flags that are true).
 */
public enum ImageList {
    FULL("full"),
    FRUGAL("frugal");

    private final String flag;

    ImageList(String flag) {
        this.flag = flag;
    }

    static ImageList byFlag(String name) {
        for (ImageList l : values()) {
            if (l.flag.equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown image list '" + name + "' (known: full, frugal)");
    }
}
