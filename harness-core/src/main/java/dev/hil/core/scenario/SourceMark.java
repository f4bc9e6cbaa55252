package dev.hil.core.scenario;

import java.nio.file.Path;

/** A place in an input file, 1-based, for error messages an editor can jump to. */
public record SourceMark(Path file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
