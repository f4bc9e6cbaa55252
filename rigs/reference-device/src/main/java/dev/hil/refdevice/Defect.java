package dev.hil.refdevice;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Known bugs the device can be started with, so scenarios can be shown to catch them. */
public enum Defect {
    /** The bootloader confirms a test image as soon as it is swapped in, before it ever ran: no revert. */
    CONFIRM_BEFORE_VERIFY("confirm-before-verify"),
    /** Swap progress is neither written nor read: an interrupted swap is not resumed. */
    NO_SWAP_STATUS("no-swap-status"),
    /** An image with a correct hash TLV but no signature TLV passes validation. */
    ACCEPT_UNSIGNED("accept-unsigned"),
    /** The secondary's version is not compared with the primary's. */
    ACCEPT_DOWNGRADE("accept-downgrade"),
    /** Swap requests and resets are taken while therapy is active, as if no update lock existed. */
    IGNORE_THERAPY_LOCK("ignore-therapy-lock"),
    /** SMP frames whose CRC16 does not match are processed instead of dropped. */
    NO_CRC_CHECK("no-crc-check"),
    /** The bootloader checks the SHA256 TLV against the image but never checks the signature. */
    TRUST_HEADER_HASH("trust-header-hash"),
    /** The bootloader never reverts an unconfirmed test image: it keeps booting it. */
    NO_REVERT("no-revert"),
    /** Each image check takes seconds: a part without crypto acceleration for its signature check. */
    SLOW_SIGNATURE_CHECK("slow-signature-check");

    private final String flag;

    Defect(String flag) {
        this.flag = flag;
    }

    public String flag() {
        return flag;
    }

    public static Optional<Defect> byFlag(String name) {
        return Arrays.stream(values()).filter(d -> d.flag.equals(name)).findFirst();
    }

    public static String known() {
        return Arrays.stream(values()).map(Defect::flag).collect(Collectors.joining(", "));
    }
}
