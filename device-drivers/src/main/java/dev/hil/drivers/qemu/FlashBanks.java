package dev.hil.drivers.qemu;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * The two CFI parallel-flash banks of a QEMU {@code virt} board as files in the rig's state
 * directory. Bank 0 holds U-Boot (the CPU starts executing at its first byte); bank 1 is the
 * device's data flash, which survives power cycles like a real NOR chip. QEMU refuses a pflash
 * image that is not exactly {@link #BANK_BYTES}, so both are padded to that size.
 */
public final class FlashBanks {
    /** Size QEMU's virt machine gives each pflash bank. */
    public static final long BANK_BYTES = 64L << 20;
    /** Where the guest sees bank 1 (U-Boot {@code flinfo}: "Bank # 2", 0x04000000). */
    public static final long BANK1_GUEST_ADDRESS = 0x0400_0000L;
    /** Erased NOR flash reads as all ones. */
    private static final byte ERASED = (byte) 0xFF;

    private final Path bank0;
    private final Path bank1;

    private FlashBanks(Path bank0, Path bank1) {
        this.bank0 = bank0;
        this.bank1 = bank1;
    }

    /**
     * Writes bank 0 afresh from {@code firmware} (so a new U-Boot build takes effect at the next
     * power-on) and creates an erased bank 1 unless one is already there.
     */
    public static FlashBanks prepare(Path stateDir, Path firmware) throws IOException {
        if (!Files.isRegularFile(firmware)) {
            throw new IOException("boot firmware " + firmware + " not found (Debian: apt-get install u-boot-qemu)");
        }
        long size = Files.size(firmware);
        if (size > BANK_BYTES) {
            throw new IOException("boot firmware " + firmware + " is " + size + " bytes, more than a "
                    + BANK_BYTES + "-byte flash bank");
        }
        Files.createDirectories(stateDir);
        FlashBanks banks = new FlashBanks(stateDir.resolve("pflash0-boot.img"), stateDir.resolve("pflash1-data.img"));
        Path tmp = Files.createTempFile(stateDir, "pflash0-", ".tmp");
        try {
            Files.copy(firmware, tmp, StandardCopyOption.REPLACE_EXISTING);
            try (var f = new java.io.RandomAccessFile(tmp.toFile(), "rw")) {
                f.setLength(BANK_BYTES); // zero padding; U-Boot never reads past its own image there
            }
            Files.move(tmp, banks.bank0, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (!Files.exists(banks.bank1) || Files.size(banks.bank1) != BANK_BYTES) {
            banks.eraseData();
        }
        return banks;
    }

    /**
     * Programs {@code block} at the start of bank 1, where U-Boot looks for its environment, as a
     * factory would. QEMU must not be running. The rest of the bank is left as it is.
     */
    public void writeEnvironment(byte[] block) throws IOException {
        try (var f = new java.io.RandomAccessFile(bank1.toFile(), "rw")) {
            f.seek(0);
            f.write(block);
        }
    }

    public Path bootBank() {
        return bank0;
    }

    public Path dataBank() {
        return bank1;
    }

    /**
     * Replaces bank 1 with an erased one (all 0xFF). Written beside it and moved into place, so a
     * harness crash never leaves a short file that QEMU would refuse. QEMU must not be running.
     */
    public void eraseData() throws IOException {
        Path tmp = Files.createTempFile(bank1.getParent(), "pflash1-", ".tmp");
        try {
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, ERASED);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                for (long done = 0; done < BANK_BYTES; done += chunk.length) {
                    out.write(chunk);
                }
            }
            Files.move(tmp, bank1, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
