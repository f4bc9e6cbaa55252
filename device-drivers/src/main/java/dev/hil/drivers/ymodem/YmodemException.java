package dev.hil.drivers.ymodem;

/** A YMODEM transfer failed; the message names the step and the file ("receiver sent NAK 10 times for block 17 of app.bin"). */
public class YmodemException extends RuntimeException {
    public YmodemException(String message) {
        super(message);
    }

    public YmodemException(String message, Throwable cause) {
        super(message, cause);
    }
}
