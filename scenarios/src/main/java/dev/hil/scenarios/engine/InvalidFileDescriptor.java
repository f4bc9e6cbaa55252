package dev.hil.scenarios.engine;

import java.nio.file.Path;
import java.util.List;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;

/**
 * A scenario file that did not load. It fails with its errors, and because a suite with bad input
 * must not half-run, no scenario of the run touches the device.
 */
final class InvalidFileDescriptor extends AbstractTestDescriptor {
    private final List<String> errors;

    InvalidFileDescriptor(UniqueId parent, Path file, List<String> errors) {
        super(parent.append("invalid-file", file.toString()), file.toString(), FileSource.from(file.toFile()));
        this.errors = List.copyOf(errors);
    }

    List<String> errors() {
        return errors;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
