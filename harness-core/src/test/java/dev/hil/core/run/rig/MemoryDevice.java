package dev.hil.core.run.rig;

import dev.hil.core.device.Device;
import dev.hil.core.device.DeviceException;
import dev.hil.core.device.ImageSlot;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.link.ImageSpan;
import dev.hil.core.link.SerialLink;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * An MCUboot-like device in memory: a primary and a secondary slot, an upload into the secondary
 * (into the primary in recovery mode, when no image runs), test/confirm with revert on an
 * unconfirmed boot, and a boot that checks a test image before swapping it in. A test sets up how
 * it misbehaves; by default it is a correct device. Uploads go over the rig's link so link taps
 * (byte triggers) see them, and fail like a dead UART when power is off.
 */
public final class MemoryDevice implements Device {
    private static final int CHUNK = 512;

    private final SerialLink link;
    private final ListenedLog log;
    private FirmwareImage primary;
    private FirmwareImage secondary;
    private boolean pendingTest;
    private boolean trialBoot;
    private boolean running;
    // What the test sets up.
    private Predicate<FirmwareImage> bootAccepts = image -> true;
    private String uploadRefusal;
    private String updateRefusal;
    private boolean uploading;
    private boolean bricksOnCut;
    private boolean silentAfterCut;
    private boolean answers = true;
    private boolean bricksOnUpdateBoot;
    private Duration checkTakes = Duration.ZERO;
    private FirmwareImage runsInstead;

    MemoryDevice(SerialLink link, ListenedLog log) {
        this.link = link;
        this.log = log;
    }

    // --- how the test wants it to behave ----------------------------------------------------------

    /** What the bootloader's image check accepts at a test boot (a rejected image is not swapped in). */
    public synchronized MemoryDevice bootAccepts(Predicate<FirmwareImage> check) {
        this.bootAccepts = check;
        return this;
    }

    /** Refuses every upload in the protocol with this reason. */
    public synchronized MemoryDevice refusesUploads(String reason) {
        this.uploadRefusal = reason;
        return this;
    }

    /** Refuses uploads while an image runs (an update), not in recovery mode (provisioning). */
    public synchronized MemoryDevice refusesUpdates(String reason) {
        this.updateRefusal = reason;
        return this;
    }

    /** Power lost during an upload also loses the running image: it comes back in recovery mode. */
    public synchronized MemoryDevice bricksOnCutDuringUpload() {
        this.bricksOnCut = true;
        return this;
    }

    /** Power lost during an upload leaves it dead: no answer from then on. */
    public synchronized MemoryDevice silentAfterCutDuringUpload() {
        this.silentAfterCut = true;
        return this;
    }

    /** Gives no answer at all (a dead board). */
    public synchronized MemoryDevice silent() {
        this.answers = false;
        return this;
    }

    /** After the update's test boot the primary slot is lost: it answers in recovery mode, no image active. */
    public synchronized MemoryDevice bricksOnUpdateBoot() {
        this.bricksOnUpdateBoot = true;
        return this;
    }

    /** Each boot-time image check takes this long between its two log lines. */
    public synchronized MemoryDevice checkTakes(Duration d) {
        this.checkTakes = d;
        return this;
    }

    /** Recovery mode writes this image instead of the one uploaded (a provisioning defect). */
    public synchronized MemoryDevice provisionsInstead(FirmwareImage image) {
        this.runsInstead = image;
        return this;
    }

    // --- power ------------------------------------------------------------------------------------

    void powered(boolean on) {
        if (on) {
            boot();
        } else {
            synchronized (this) {
                running = false;
                if (uploading && bricksOnCut) {
                    primary = null;
                }
                if (uploading && silentAfterCut) {
                    answers = false;
                }
                uploading = false;
            }
        }
    }

    synchronized void erase() {
        primary = null;
        secondary = null;
        pendingTest = false;
        trialBoot = false;
    }

    private void boot() {
        FirmwareImage candidate;
        synchronized (this) {
            candidate = pendingTest && secondary != null ? secondary : null;
            pendingTest = false;
            if (candidate == null && trialBoot) {
                swap(); // unconfirmed trial image: revert
                trialBoot = false;
            }
        }
        log.emit("boot: start");
        if (candidate != null) {
            log.emit("verify: start slot 1");
            pause(checkTakes);
            boolean ok = bootAccepts.test(candidate);
            log.emit("verify: done slot 1 " + (ok ? "ok" : "bad"));
            synchronized (this) {
                if (ok) {
                    swap();
                    trialBoot = true;
                } else {
                    secondary = null;
                }
                if (bricksOnUpdateBoot) {
                    primary = null;
                }
            }
        }
        synchronized (this) {
            running = true;
        }
    }

    private void swap() {
        FirmwareImage p = primary;
        primary = secondary;
        secondary = p;
    }

    private static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- the protocol -----------------------------------------------------------------------------

    private synchronized void requireAnswering() {
        if (!running || !answers) {
            throw new DeviceException(DeviceException.Kind.TIMEOUT, "no answer from the device");
        }
    }

    @Override
    public void upload(FirmwareImage image, LongConsumer progress) {
        requireAnswering();
        boolean recoveryMode;
        synchronized (this) {
            if (uploadRefusal != null) {
                throw new DeviceException(DeviceException.Kind.REFUSED, uploadRefusal);
            }
            if (updateRefusal != null && primary != null) {
                throw new DeviceException(DeviceException.Kind.REFUSED, updateRefusal);
            }
            recoveryMode = primary == null;
            if (!recoveryMode) {
                secondary = null;
            }
        }
        byte[] bytes = image.bytes();
        synchronized (this) {
            uploading = true;
        }
        link.startImage(bytes.length);
        for (int off = 0; off < bytes.length; off += CHUNK) {
            int n = Math.min(CHUNK, bytes.length - off);
            int[] prefix = new int[n + 1];
            for (int i = 0; i <= n; i++) {
                prefix[i] = i;
            }
            byte[] chunk = new byte[n];
            System.arraycopy(bytes, off, chunk, 0, n);
            link.write(chunk, new ImageSpan(off, prefix));
            requireAnswering();
            progress.accept(off + n);
        }
        synchronized (this) {
            uploading = false;
            if (recoveryMode) {
                primary = runsInstead != null ? runsInstead : image;
            } else {
                secondary = image;
            }
        }
    }

    @Override
    public List<ImageSlot> images() {
        requireAnswering();
        synchronized (this) {
            List<ImageSlot> slots = new ArrayList<>();
            if (primary != null) {
                slots.add(new ImageSlot(0, 0, primary.version().toString(), primary.hash(), true, false, !trialBoot,
                        true, false));
            }
            if (secondary != null) {
                slots.add(new ImageSlot(0, 1, secondary.version().toString(), secondary.hash(), true, pendingTest,
                        false, false, false));
            }
            return slots;
        }
    }

    @Override
    public void test(byte[] hash) {
        requireAnswering();
        synchronized (this) {
            if (secondary == null || !MessageDigest.isEqual(secondary.hash(), hash)) {
                throw new DeviceException(DeviceException.Kind.REFUSED, "no image with that hash in slot 1");
            }
            pendingTest = true;
        }
    }

    @Override
    public void confirm(byte[] hash) {
        requireAnswering();
        synchronized (this) {
            if (primary == null || !MessageDigest.isEqual(primary.hash(), hash)) {
                throw new DeviceException(DeviceException.Kind.REFUSED, "the running image has another hash");
            }
            trialBoot = false;
        }
    }

    @Override
    public void reset() {
        requireAnswering();
        synchronized (this) {
            running = false;
        }
        boot();
    }

    @Override
    public String echo(String text) {
        requireAnswering();
        return text;
    }

    @Override
    public void applyState(Map<String, String> state) {
        requireAnswering();
    }
}
