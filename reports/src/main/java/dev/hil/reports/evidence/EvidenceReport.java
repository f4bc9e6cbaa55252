package dev.hil.reports.evidence;

import java.util.List;
import java.util.Optional;

/**
 * The verdict on a results directory: OK when {@link #problems()} is empty. {@code files} counts the
 * manifest's entries (results and inputs); {@code signer} is who signed, when the signature could be
 * read; {@code trusted} says whether that signer was matched against a certificate given by the caller.
 */
public record EvidenceReport(List<Problem> problems, int files, Optional<SignerIdentity> signer, boolean trusted) {
    public EvidenceReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public boolean has(Problem.Kind kind) {
        return problems.stream().anyMatch(p -> p.kind() == kind);
    }
}
