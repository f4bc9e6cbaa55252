package dev.hil.refdevice;

/** MCUboot's swap types, with its numeric values as stored in trailers and status records. */
public enum SwapType {
    NONE(1, "none"), TEST(2, "test"), PERMANENT(3, "permanent"), REVERT(4, "revert");

    private final int code;
    private final String label;

    SwapType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The type for a stored code; null when the byte is erased or torn. */
    public static SwapType ofCode(int code) {
        for (SwapType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
