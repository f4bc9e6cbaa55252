package dev.hil.core.rig;

import java.util.ArrayList;
import java.util.List;

/** How rigs and boards close their parts: every part, even after an earlier one failed; failures thrown together. */
public final class OrderedClose {
    private OrderedClose() {
    }

    /**
     * Closes the parts in the order given (null parts skipped); the failures are thrown together,
     * the first as the cause, as "{@code owner} did not close cleanly".
     */
    public static void closeAll(String owner, AutoCloseable... parts) {
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException(owner + " did not close cleanly: " + failures.get(0),
                    failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }

    /**
     * For an open() that failed half-way: closes what it had opened (listed last-opened first),
     * with their failures added to {@code failure}, which the caller then throws.
     */
    public static void closeOpened(Exception failure, List<? extends AutoCloseable> opened) {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
    }
}
