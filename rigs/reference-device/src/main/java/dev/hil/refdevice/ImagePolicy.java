package dev.hil.refdevice;

import dev.hil.refdevice.image.McubootImage;
import dev.hil.refdevice.image.TrustedKey;
import dev.hil.refdevice.image.ImageCheck;
import java.time.Duration;
import java.util.Set;

/**
 * What the bootloader accepts: MCUboot's hash and signature check, minus whatever the defects switch
 * off. Each check is logged as it starts and ends ("verify: start", "verify: done"), so the harness
 * can hold its duration to a budget (design.md section 1: enough CPU for crypto).
 */
final class ImagePolicy {
    /**
     * How long one check takes with defect slow-signature-check: over the library's 1 s check budget
     * by a margin no scheduling noise closes, yet short enough that the three checks of an update
     * boot still fit the rig's 10 s boot budget, so only the check budget can catch it.
     */
    static final Duration SLOW_CHECK = Duration.ofMillis(1500);

    private final TrustedKey trust;
    private final Set<Defect> defects;
    private final EventLog log;

    ImagePolicy(TrustedKey trust, Set<Defect> defects, EventLog log) {
        this.trust = trust;
        this.defects = defects;
        this.log = log;
    }

    /** The check of the image in {@code slot}, logged with its start and end. */
    ImageCheck check(McubootImage image, Slot slot) {
        log.event("verify: start slot " + slot.index() + " version " + image.version());
        long start = System.nanoTime();
        ImageCheck v = defects.contains(Defect.SLOW_SIGNATURE_CHECK) ? slowCheck(image) : check(image);
        log.event(String.format("verify: done slot %d %s in %.1f ms", slot.index(),
                v.accepted() ? "ok" : "rejected", (System.nanoTime() - start) / 1e6));
        return v;
    }

    /**
     * A part without crypto acceleration: the same check, repeated in software until
     * {@link #SLOW_CHECK} has gone by (real work on the CPU, as on a slow core, not a sleep).
     */
    private ImageCheck slowCheck(McubootImage image) {
        long until = System.nanoTime() + SLOW_CHECK.toNanos();
        ImageCheck v;
        do {
            v = check(image);
        } while (System.nanoTime() < until);
        return v;
    }

    private ImageCheck check(McubootImage image) {
        if (defects.contains(Defect.TRUST_HEADER_HASH)) {
            // The hash only proves the bytes are intact, not who made them: anyone can recompute it.
            return image.hashTlvMatches()
                    ? ImageCheck.accept("SHA256 TLV matches; signature not checked (defect trust-header-hash)")
                    : ImageCheck.refuse("SHA256 TLV does not match the image contents (computed " + image.digestHex() + ")");
        }
        ImageCheck v = trust.check(image);
        if (!v.accepted() && defects.contains(Defect.ACCEPT_UNSIGNED) && image.hashTlvMatches()
                && image.tlv(McubootImage.TLV_ECDSA_SIG).isEmpty() && image.tlv(McubootImage.TLV_ED25519).isEmpty()) {
            return ImageCheck.accept("unsigned image accepted (defect accept-unsigned)");
        }
        return v;
    }

    /** Null when {@code candidate} may replace {@code running}; otherwise why not. */
    String downgrade(McubootImage candidate, McubootImage running) {
        if (running == null || defects.contains(Defect.ACCEPT_DOWNGRADE)) {
            return null;
        }
        if (candidate.version().compareTo(running.version()) < 0) {
            return "downgrade from " + running.version() + " to " + candidate.version();
        }
        return null;
    }
}
