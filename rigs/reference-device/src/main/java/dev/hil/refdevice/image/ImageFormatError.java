package dev.hil.refdevice.image;

/** Bytes that are not a well-formed MCUboot image; the message says what is wrong and where. */
public final class ImageFormatError extends Exception {
    public ImageFormatError(String message) {
        super(message);
    }
}
