package dev.hil.core.rig;

import dev.hil.core.scenario.SourceMark;

/**
 * One need of a scenario on its rig, and the clause that states it ({@code reset} at
 * file:line:column), so a rig that lacks it is named together with the line to change.
 */
public record Requirement(RigCapability capability, String clause, SourceMark mark) {
    /** "file:line:column: clause: rig 'name' (file) has no ..." */
    public String unmetBy(RigSpec rig) {
        return mark + ": " + clause + ": rig '" + rig.name() + "' (" + rig.file() + ") " + capability.missingFrom(rig);
    }
}
