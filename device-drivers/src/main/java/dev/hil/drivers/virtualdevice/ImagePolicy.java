package dev.hil.drivers.virtualdevice;

import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.Tlv;
import dev.hil.core.image.TrustKey;
import dev.hil.core.image.Verdict;
import java.util.Set;

/** What the bootloader accepts: MCUboot's hash and signature check, minus whatever the defects switch off. */
final class ImagePolicy {
    private final TrustKey trust;
    private final Set<Defect> defects;

    ImagePolicy(TrustKey trust, Set<Defect> defects) {
        this.trust = trust;
        this.defects = defects;
    }

    Verdict check(FirmwareImage image) {
        if (defects.contains(Defect.TRUST_HEADER_HASH)) {
            // The hash only proves the bytes are intact, not who made them: anyone can recompute it.
            return image.hashTlvMatches()
                    ? Verdict.ok("SHA256 TLV matches; signature not checked (defect trust-header-hash)")
                    : Verdict.bad("SHA256 TLV does not match the image contents (computed " + image.hashHex() + ")");
        }
        Verdict v = trust.verify(image);
        if (!v.valid() && defects.contains(Defect.ACCEPT_UNSIGNED) && image.hashTlvMatches()
                && image.tlv(Tlv.ECDSA_SIG).isEmpty() && image.tlv(Tlv.ED25519).isEmpty()) {
            return Verdict.ok("unsigned image accepted (defect accept-unsigned)");
        }
        return v;
    }

    /** Null when {@code candidate} may replace {@code running}; otherwise why not. */
    String downgrade(FirmwareImage candidate, FirmwareImage running) {
        if (running == null || defects.contains(Defect.ACCEPT_DOWNGRADE)) {
            return null;
        }
        if (candidate.version().compareTo(running.version()) < 0) {
            return "downgrade from " + running.version() + " to " + candidate.version();
        }
        return null;
    }
}
