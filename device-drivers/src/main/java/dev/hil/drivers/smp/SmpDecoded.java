package dev.hil.drivers.smp;

/** What {@link SmpFrameDecoder} found on the line: a packet, or a framed packet it could not accept. */
public sealed interface SmpDecoded permits SmpDecoded.Packet, SmpDecoded.Failure {
    /** A packet whose frames, length and CRC all checked out. */
    record Packet(SmpPacket packet) implements SmpDecoded {
    }

    /** A framed packet that was dropped, with the reason (bad base64, length or CRC mismatch, ...). */
    record Failure(String reason) implements SmpDecoded {
    }
}
