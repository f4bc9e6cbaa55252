package dev.hil.core.image;

/** The bytes are not a well-formed MCUboot image; the message says where and why. */
public class ImageFormatException extends Exception {
    public ImageFormatException(String message) {
        super(message);
    }
}
