package dev.hil.scenarios.file;

import dev.hil.core.scenario.SourceMark;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The problems found so far in one file. Remembers which JSON pointers were already complained
 * about so that a later, finer check does not pile a second message onto a value the schema
 * already rejected.
 */
final class Problems {
    private final List<InputError> found = new ArrayList<>();
    private final Set<String> blamed = new HashSet<>();

    void add(String pointer, SourceMark mark, String reason) {
        found.add(new InputError(mark, reason));
        blamed.add(pointer);
    }

    void add(InputError error) {
        found.add(error);
    }

    /** True if a problem was reported at {@code pointer} or anywhere above or below it. */
    boolean touches(String pointer) {
        for (String b : blamed) {
            if (Pointers.within(pointer, b) || Pointers.within(b, pointer)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    void throwIfAny() throws InputError {
        if (!found.isEmpty()) {
            throw InputError.of(found);
        }
    }
}
