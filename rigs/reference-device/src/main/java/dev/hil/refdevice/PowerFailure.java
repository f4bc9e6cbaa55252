package dev.hil.refdevice;

/**
 * Decides, per flash operation (numbered from 1 since the flash was opened), whether power holds.
 * The real process never fails on its own (the harness SIGKILLs it); tests use this to cut power
 * at an exact operation and then open the same flash file again.
 */
@FunctionalInterface
public interface PowerFailure {
    enum Outcome {
        /** The operation completes. */
        HOLDS,
        /** Power is lost before the operation changes anything. */
        LOST_BEFORE,
        /** Power is lost half-way: half the page programmed, or half the sector erased. */
        TORN
    }

    PowerFailure NEVER = op -> Outcome.HOLDS;

    Outcome at(long operation);

    static PowerFailure atOperation(long k, Outcome how) {
        return op -> op == k ? how : Outcome.HOLDS;
    }
}
