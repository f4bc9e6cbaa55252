package dev.hil.benchsim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * A folder shaped like /sys/class/gpio, as Pi4J's linuxfs provider reads and writes it:
 * {@code export}, {@code unexport} (plain files; what is written to them is ignored), and per line
 * {@code gpioN/direction}, {@code gpioN/value}, {@code gpioN/active_low}. The line folders exist
 * from the start, so Pi4J finds the lines "already exported" and never needs the kernel to create
 * them; its shutdown writes to {@code unexport}, which leaves them in place. No {@code edge} file:
 * with one Pi4J would set up interrupts on the line.
 */
final class GpioTree {
    private final Path dir;

    private GpioTree(Path dir) {
        this.dir = dir;
    }

    /** Creates (or resets) the tree; each line starts at its idle level, as the board's pull resistors hold it. */
    static GpioTree create(Path dir, List<LineSpec> lines) throws IOException {
        Files.createDirectories(dir);
        for (String f : List.of("export", "unexport")) {
            if (!Files.exists(dir.resolve(f))) {
                Files.writeString(dir.resolve(f), "");
            }
        }
        GpioTree tree = new GpioTree(dir);
        for (LineSpec line : lines) {
            Path folder = tree.folder(line);
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("direction"), "in\n");
            Files.writeString(folder.resolve("active_low"), "0\n");
            Files.writeString(folder.resolve("value"), line.idleLevel() + "\n");
            Files.deleteIfExists(folder.resolve("edge"));
        }
        return tree;
    }

    Path folder(LineSpec line) {
        return dir.resolve("gpio" + line.number());
    }

    /**
     * The line's electrical level: {@code value}, inverted when {@code active_low} is 1 (as sysfs
     * does). Empty when the file cannot be read as 0 or 1 just now: Pi4J writes {@code value} by
     * truncating then writing, so a read can fall between the two; the next change or poll reads again.
     */
    OptionalInt level(LineSpec line) {
        OptionalInt value = bit(folder(line).resolve("value"));
        if (value.isEmpty()) {
            return value;
        }
        OptionalInt activeLow = bit(folder(line).resolve("active_low"));
        return OptionalInt.of(activeLow.orElse(0) == 1 ? 1 - value.getAsInt() : value.getAsInt());
    }

    private static OptionalInt bit(Path file) {
        String text;
        try {
            text = Files.readString(file).trim();
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        return switch (text) {
            case "0" -> OptionalInt.of(0);
            case "1" -> OptionalInt.of(1);
            default -> OptionalInt.empty();
        };
    }
}
