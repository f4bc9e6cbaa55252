package dev.hil.core.rig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one place a rig is composed: the board provider of its {@code device.kind} and the protocol
 * provider of its {@code protocol}, both found by ServiceLoader. A new board kind or protocol is a
 * provider class and a META-INF/services line; any pair whose link matches works with no wiring here.
 */
public final class RigAssembly {
    private final Map<String, BoardProvider> boards = new TreeMap<>();
    private final Map<String, ProtocolProvider> protocols = new TreeMap<>();

    public RigAssembly(Iterable<BoardProvider> boardProviders, Iterable<ProtocolProvider> protocolProviders) {
        boardProviders.forEach(b -> unique(boards.putIfAbsent(b.kind(), b), b, "device kind " + b.kind()));
        protocolProviders.forEach(p -> unique(protocols.putIfAbsent(p.name(), p), p, "protocol " + p.name()));
    }

    private static void unique(Object previous, Object now, String what) {
        if (previous != null) {
            throw new IllegalStateException(what + " is offered by both " + previous.getClass().getName() + " and "
                    + now.getClass().getName());
        }
    }

    /** The providers on the classpath. */
    public static RigAssembly load() {
        return new RigAssembly(ServiceLoader.load(BoardProvider.class), ServiceLoader.load(ProtocolProvider.class));
    }

    public Set<String> boardKinds() {
        return boards.keySet();
    }

    public Set<String> protocolNames() {
        return protocols.keySet();
    }

    /** Why no board provider builds this kind, listing those that exist; empty if one does. */
    public Optional<String> unknownKind(String kind) {
        return boards.containsKey(kind) ? Optional.empty() : Optional.of("device kind '" + kind
                + "' has no board provider (available: " + String.join(", ", boards.keySet()) + ")");
    }

    /** Why no protocol provider speaks this protocol, listing those that exist; empty if one does. */
    public Optional<String> unknownProtocol(String protocol) {
        return protocols.containsKey(protocol) ? Optional.empty() : Optional.of("protocol '" + protocol
                + "' has no protocol provider (available: " + String.join(", ", protocols.keySet()) + ")");
    }

    /** Why the rig's board and protocol cannot be composed, or empty when they can. */
    public Optional<String> problem(String kind, String protocol) {
        Optional<String> unknown = unknownKind(kind).or(() -> unknownProtocol(protocol));
        if (unknown.isPresent()) {
            return unknown;
        }
        BoardProvider board = boards.get(kind);
        ProtocolProvider p = protocols.get(protocol);
        return p.links().contains(board.link()) ? Optional.empty() : Optional.of("protocol '" + protocol
                + "' talks over " + String.join(" or ", p.links()) + ", but a '" + kind + "' board gives a "
                + board.link() + " link (protocols for it: " + String.join(", ", suiting(board)) + ")");
    }

    private Set<String> suiting(BoardProvider board) {
        Set<String> names = new java.util.TreeSet<>();
        protocols.forEach((n, p) -> {
            if (p.links().contains(board.link())) {
                names.add(n);
            }
        });
        return names;
    }

    /** What a rig of this description offers: its own wiring and phases, and what its protocol reads. */
    public Set<RigCapability> offers(RigSpec spec) {
        Set<RigCapability> offered = spec.wiredCapabilities();
        ProtocolProvider p = protocols.get(spec.protocol());
        if (p != null) {
            offered.addAll(p.offers());
        }
        return offered;
    }

    /**
     * Composes the rig, unpowered.
     *
     * @throws IllegalArgumentException naming the rig file, for an unknown kind or protocol or an unsuitable pair
     */
    public Rig open(RigSpec spec, Path stateDir) throws IOException {
        problem(spec.device().kind(), spec.protocol()).ifPresent(p -> {
            throw new IllegalArgumentException(spec.file() + ": " + p);
        });
        ProtocolProvider protocol = protocols.get(spec.protocol());
        return BoardRig.open(spec, stateDir, boards.get(spec.device().kind())::open, protocol::open);
    }
}
