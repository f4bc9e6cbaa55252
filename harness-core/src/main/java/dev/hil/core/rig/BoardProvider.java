package dev.hil.core.rig;

import java.io.IOException;
import java.nio.file.Path;

/**
 * SPI (ServiceLoader, like {@code FaultFactory}): the boards of one device kind ({@code device.kind}
 * in the rig file: process, qemu, serial...). Gives power, lines, link and log; no protocol.
 */
public interface BoardProvider {
    /** The rig file's {@code device.kind} this provider builds. */
    String kind();

    /** What kind of link its boards give a protocol, e.g. {@link #UART}. */
    String link();

    /** A console/UART byte stream (serial port, PTY, emulated UART). */
    String UART = "uart";

    /**
     * Opens the board, unpowered. The caller holds the state lock.
     *
     * @param stateDir the device's state that survives power cycles (flash, disk)
     * @throws IllegalArgumentException naming the rig file, for a description this kind cannot build
     */
    Board open(RigSpec spec, Path stateDir) throws IOException;
}
