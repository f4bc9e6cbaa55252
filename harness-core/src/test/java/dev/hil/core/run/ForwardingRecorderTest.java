package dev.hil.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * CaseRecorder grows by default methods; a wrapper that does not forward one silently swallows it
 * (the timeline SVG was lost that way). Every recorder method must be forwarded.
 */
class ForwardingRecorderTest {
    @Test
    void everyRecorderMethodIsForwarded() {
        for (Method m : CaseRecorder.class.getMethods()) {
            assertThat(Arrays.stream(ForwardingRecorder.class.getDeclaredMethods())
                    .anyMatch(f -> f.getName().equals(m.getName())
                            && Arrays.equals(f.getParameterTypes(), m.getParameterTypes())))
                    .as("ForwardingRecorder forwards %s", m).isTrue();
        }
    }

}
