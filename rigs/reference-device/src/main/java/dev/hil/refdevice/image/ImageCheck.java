package dev.hil.refdevice.image;

/** The bootloader's answer about one image: accepted or not, and why in words for the device log. */
public record ImageCheck(boolean accepted, String reason) {
    public static ImageCheck accept(String why) {
        return new ImageCheck(true, why);
    }

    public static ImageCheck refuse(String why) {
        return new ImageCheck(false, why);
    }
}
