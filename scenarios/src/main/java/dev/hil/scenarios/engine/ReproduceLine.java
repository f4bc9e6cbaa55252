package dev.hil.scenarios.engine;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The one command that runs exactly one case again with the same seed, e.g.
 * {@code ./hil run --rig rigs/virtual.yaml --seed 7 --case 'UPD-PWR-SWEEP[transferred=30%]' scenarios/library/power/sweep.yaml}.
 * Paths are relative to the working directory when they lie below it, so the line pastes as is.
 */
final class ReproduceLine {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:@+-]+");

    private ReproduceLine() {
    }

    static String of(Path rig, long seed, String caseId, Path scenarioFile) {
        return "./hil run --rig " + quoted(shown(rig)) + " --seed " + seed + " --case " + quoted(caseId) + " "
                + quoted(shown(scenarioFile));
    }

    private static String shown(Path p) {
        Path here = Path.of("").toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(here) ? here.relativize(abs).toString() : abs.toString();
    }

    /** Single quotes keep the shell from globbing ids like {@code X[transferred=30%]}. */
    static String quoted(String s) {
        return PLAIN.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
