package dev.hil.drivers.ymodem;

/** Progress of a YMODEM batch, called on the transferring thread; must be quick. */
@FunctionalInterface
public interface TransferProgress {
    TransferProgress NONE = (file, bytes, size) -> { };

    /**
     * @param file  the file in transfer
     * @param bytes its bytes the receiver has acknowledged (sender) or stored (receiver)
     * @param size  its size from the header, -1 if the header gave none
     */
    void advanced(String file, long bytes, long size);
}
