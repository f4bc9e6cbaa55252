package dev.hil.core.image;

/** One type-length-value entry of an MCUboot image trailer. */
public record Tlv(int type, byte[] value, boolean isProtected) {
    public static final int KEYHASH = 0x01;
    public static final int SHA256 = 0x10;
    public static final int ECDSA_SIG = 0x22;
    public static final int ED25519 = 0x24;
    public static final int SEC_CNT = 0x50;

    public static final int INFO_MAGIC = 0x6907;
    public static final int PROT_INFO_MAGIC = 0x6908;
}
