package dev.hil.reports.evidence;

import java.nio.file.Path;

/** What {@link EvidenceBundle#seal} wrote: the two bundle files, how many files they vouch for, and by whom. */
public record EvidenceSeal(Path manifest, Path signature, int resultFiles, int inputFiles, SignerIdentity signer) {
}
