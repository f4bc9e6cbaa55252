package dev.hil.scenarios.qualify;

import dev.hil.refdevice.Defect;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which library scenario catches which seeded defect of the reference virtual device, and words its
 * failure message must use. The one source of truth for both {@code hil qualify} (tool validation)
 * and the build's QualificationOnVirtualRigTest: a defect missing here fails both, so a new defect flag
 * without a scenario that catches it cannot slip through.
 */
public final class ExpectedCatches {
    /** The scenario that states the property a defect breaks, and words its failure message must use. */
    public record Catch(String scenario, String message) {
    }

    private static final Map<Defect, Catch> BY_DEFECT = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            Defect.CONFIRM_BEFORE_VERIFY, new Catch("UPD-PWR-CONFIRM", "not among expected images"),
            Defect.NO_SWAP_STATUS, new Catch("UPD-PWR-SWAP-HALF", "the device answers but did not get there"),
            Defect.ACCEPT_UNSIGNED, new Catch("UPD-SEC-UNSIGNED", "update was not rejected"),
            Defect.ACCEPT_DOWNGRADE, new Catch("UPD-SEC-DOWNGRADE", "update was not rejected"),
            Defect.IGNORE_THERAPY_LOCK, new Catch("UPD-TIM-THERAPY", "update was not rejected"),
            // A header chunk with a flipped bit is stored instead of dropped and re-sent, so the
            // slot holds an image with another hash and the test of the sent image finds none.
            // (UPD-LNK-CORRUPT-BODY does not catch it: its damage is not base64 and is dropped anyway.)
            Defect.NO_CRC_CHECK, new Catch("UPD-LNK-CORRUPT-HEADER", "no image with hash"),
            // Only the signature tells a re-hashed forgery from the genuine image.
            Defect.TRUST_HEADER_HASH, new Catch("UPD-SEC-TAMPER-BODY", "update was not rejected"),
            Defect.NO_REVERT, new Catch("UPD-PWR-CONFIRM", "not among expected images"),
            Defect.SLOW_SIGNATURE_CHECK, new Catch("UPD-TIM-VERIFY-TIME", "over the budget"))));

    private ExpectedCatches() {
    }

    public static Optional<Catch> of(Defect defect) {
        return Optional.ofNullable(BY_DEFECT.get(defect));
    }

    public static Map<Defect, Catch> all() {
        return BY_DEFECT;
    }
}
