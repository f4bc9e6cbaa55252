package dev.hil.benchsim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The command line; a parse error is an IllegalArgumentException with a one-line reason. */
record Options(Path gpio, Path portLink, Path events, Path deviceLog, List<LineSpec> lines, boolean portStays,
               String bootModeArg, long pollMillis, List<String> deviceCommand) {
    static final String USAGE = "usage: bench-sim --gpio DIR --port-link PATH --events FILE --power-line N"
            + " [--power-active high|low] [--reset-line N [--reset-active low|high]]"
            + " [--boot-mode-line N [--boot-mode-active low|high]] [--boot-mode-arg ARG] [--port-stays]"
            + " [--device-log FILE] [--poll-ms N] -- DEVICE-COMMAND...";

    static Options parse(String[] args) {
        Path gpio = null;
        Path portLink = null;
        Path events = null;
        Path deviceLog = null;
        Integer power = null;
        Integer reset = null;
        Integer bootMode = null;
        int powerActive = 1; // high: 1 = supply on
        int resetActive = 0; // low: 0 = held in reset (nRESET)
        int bootModeActive = 0;
        boolean portStays = false;
        String bootModeArg = "--serial-recovery";
        long pollMillis = 20;
        List<String> command = List.of();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                command = List.copyOf(Arrays.asList(args).subList(i + 1, args.length));
                break;
            }
            switch (a) {
                case "--gpio" -> gpio = Path.of(value(args, ++i, a));
                case "--port-link" -> portLink = Path.of(value(args, ++i, a));
                case "--events" -> events = Path.of(value(args, ++i, a));
                case "--device-log" -> deviceLog = Path.of(value(args, ++i, a));
                case "--power-line" -> power = number(value(args, ++i, a), a, 0);
                case "--reset-line" -> reset = number(value(args, ++i, a), a, 0);
                case "--boot-mode-line" -> bootMode = number(value(args, ++i, a), a, 0);
                case "--power-active" -> powerActive = level(value(args, ++i, a), a);
                case "--reset-active" -> resetActive = level(value(args, ++i, a), a);
                case "--boot-mode-active" -> bootModeActive = level(value(args, ++i, a), a);
                case "--boot-mode-arg" -> bootModeArg = value(args, ++i, a);
                case "--port-stays" -> portStays = true;
                case "--poll-ms" -> pollMillis = number(value(args, ++i, a), a, 1);
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        if (gpio == null || portLink == null || events == null || power == null) {
            throw new IllegalArgumentException("--gpio, --port-link, --events and --power-line are required");
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no device command after '--'");
        }
        List<LineSpec> lines = new ArrayList<>();
        lines.add(new LineSpec(LineSpec.POWER, power, powerActive));
        if (reset != null) {
            lines.add(new LineSpec(LineSpec.RESET, reset, resetActive));
        }
        if (bootMode != null) {
            lines.add(new LineSpec(LineSpec.BOOT_MODE, bootMode, bootModeActive));
        }
        Set<Integer> numbers = new HashSet<>();
        for (LineSpec l : lines) {
            if (!numbers.add(l.number())) {
                throw new IllegalArgumentException("line " + l.number() + " is given for two roles");
            }
        }
        return new Options(gpio, portLink, events, deviceLog, List.copyOf(lines), portStays, bootModeArg,
                pollMillis, command);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String text, String option, int min) {
        try {
            int v = Integer.parseInt(text);
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs an integer >= " + min + ", got '" + text + "'");
    }

    /** The asserted level: "high" is 1, "low" is 0. */
    private static int level(String text, String option) {
        return switch (text) {
            case "high" -> 1;
            case "low" -> 0;
            default -> throw new IllegalArgumentException(option + " is high or low, got '" + text + "'");
        };
    }
}
