package dev.hil.refdevice;

import dev.hil.refdevice.image.McubootImage;
import dev.hil.refdevice.image.TrustedKey;
import dev.hil.refdevice.smp.McumgrRc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The device as its management protocol sees it: boots through the {@link Bootloader}, then runs
 * either the application (uploads go to the secondary slot, test and confirm work) or serial
 * recovery (uploads go to the primary slot), until the next reset.
 */
public final class VirtualDevice {
    private final Flash flash;
    private final Set<Defect> defects;
    private final EventLog log;
    private final Bootloader bootloader;
    private TherapyLock lock;
    private BootResult state;
    private ImageUpload upload;

    public VirtualDevice(Flash flash, TrustedKey trust, Set<Defect> defects, EventLog log) {
        this.flash = flash;
        this.defects = defects.isEmpty() ? EnumSet.noneOf(Defect.class) : EnumSet.copyOf(defects);
        this.log = log;
        this.bootloader = new Bootloader(flash, new ImagePolicy(trust, this.defects, log), this.defects, log);
    }

    boolean has(Defect defect) {
        return defects.contains(defect);
    }

    /** Power-on or reset: runs the boot flow, then starts the application or recovery mode. */
    public BootResult boot() {
        return started(bootloader.boot());
    }

    /**
     * Power-on with the boot-mode pin held: like MCUboot's serial-recovery pin check, which comes
     * before its boot flow, the device serves recovery (uploads go to the primary slot) whatever the
     * slots hold, and no swap runs. The next reset (SMP reset) boots normally, so it runs the upload.
     */
    public BootResult bootSerialRecovery() {
        log.event("boot: start");
        return started(BootResult.recovery("serial recovery requested: boot-mode pin held at reset"));
    }

    private BootResult started(BootResult booted) {
        upload = null;
        lock = new TherapyLock(!defects.contains(Defect.IGNORE_THERAPY_LOCK));
        state = booted;
        if (state.inRecovery()) {
            log.event("boot: recovery (" + state.recoveryReason() + ")");
            return state;
        }
        log.event("app: running version " + state.running().version());
        return state;
    }

    public BootResult state() {
        return state;
    }

    public Flash flash() {
        return flash;
    }

    /** MCUmgr's image list: slots holding a parseable image, flagged as Zephyr's img_mgmt flags them. */
    public List<SlotState> slots() {
        SwapType planned = bootloader.planned();
        boolean app = !state.inRecovery();
        List<SlotState> out = new ArrayList<>();
        for (Slot slot : Slot.values()) {
            Optional<McubootImage> img = SlotImage.read(flash, slot).asOptional();
            if (img.isEmpty()) {
                continue;
            }
            boolean activeSlot = slot == Slot.PRIMARY;
            boolean pending = !activeSlot && (planned == SwapType.TEST || planned == SwapType.PERMANENT);
            boolean confirmed = switch (planned) {
                case NONE, TEST, PERMANENT -> activeSlot;
                case REVERT -> !activeSlot;
            };
            byte[] hash = img.get().reportedHash();
            out.add(new SlotState(slot, img.get().version(), hash, true, pending, confirmed,
                    activeSlot && app, pending && planned == SwapType.PERMANENT));
        }
        return out;
    }

    /** Starts, continues or restarts an upload (offset 0); refuses while the secondary is a revert target. */
    public ImageUpload startUpload(long length, byte[] sha) throws DeviceRefusal {
        if (upload != null && upload.continues(length, sha)) {
            return upload;
        }
        Slot target = state.inRecovery() ? Slot.PRIMARY : Slot.SECONDARY;
        if (target == Slot.SECONDARY && bootloader.planned() == SwapType.REVERT) {
            throw new DeviceRefusal(McumgrRc.EBADSTATE,
                    "slot 1 holds the image a revert needs; confirm the running image first");
        }
        upload = null;
        upload = ImageUpload.begin(flash, target, length, sha, log);
        return upload;
    }

    /** The upload in progress, if any. */
    public Optional<ImageUpload> upload() {
        return Optional.ofNullable(upload);
    }

    /** Marks the image with this hash (TLV value) to be swapped in: once for a test, for good if permanent. */
    public void requestSwap(byte[] hash, boolean permanent) throws DeviceRefusal {
        requireApp();
        Slot slot = slotWithHash(hash);
        if (slot == Slot.PRIMARY) {
            if (permanent) {
                confirm();
                return;
            }
            throw new DeviceRefusal(McumgrRc.EBADSTATE, "image " + hex(hash) + " is already running");
        }
        if (bootloader.planned() == SwapType.REVERT) {
            throw new DeviceRefusal(McumgrRc.EBADSTATE, "a revert is pending; confirm the running image first");
        }
        lock.check("image " + (permanent ? "confirm" : "test") + " of " + hex(hash));
        SlotTrailer.writeRequest(flash, permanent);
        log.event("image " + (permanent ? "permanent" : "test") + " pending hash " + hex(hash));
    }

    /**
     * MCUmgr image erase of the secondary slot, trailer included; refused while that slot holds an
     * image the next boot swaps in or a revert needs, as Zephyr refuses erasing a slot in use.
     */
    public void eraseSecondary() throws DeviceRefusal {
        requireApp();
        SwapType planned = bootloader.planned();
        if (planned != SwapType.NONE) {
            throw new DeviceRefusal(McumgrRc.EBADSTATE, "slot 1 is in use (" + planned.label() + " pending)");
        }
        upload = null; // an upload into the slot cannot continue on erased flash
        log.event("image: erase slot 1");
        for (int i = 0; i < flash.layout().slotSectors(); i++) {
            flash.erase(flash.layout().sector(Slot.SECONDARY, i));
        }
    }

    /** Confirms the running image, so it is kept on the next boot. */
    public void confirm() throws DeviceRefusal {
        requireApp();
        SlotTrailer.setImageOk(flash);
        log.event("image confirmed version " + state.running().version() + " hash " + state.running().digestHex());
    }

    /** A reset restarts the device (and applies any pending swap), so therapy must allow it. */
    public void allowReset() throws DeviceRefusal {
        if (!state.inRecovery()) {
            lock.check("reset");
        }
    }

    /** Therapy started or ended by the application (here: on the host's request). */
    public void therapy(boolean active) throws DeviceRefusal {
        requireApp();
        lock.therapy(active);
        log.event("app: therapy " + (active ? "active: updates locked" : "idle"));
    }

    /** The therapy owner's release: swap requests and a reset are allowed until the next boot. */
    public void authorizeUpdate() throws DeviceRefusal {
        requireApp();
        lock.authorize();
        log.event("app: update authorized" + (lock.therapyActive() ? " during therapy" : ""));
    }

    public boolean therapyActive() {
        return lock.therapyActive();
    }

    public boolean updateAuthorized() {
        return lock.authorized();
    }

    private Slot slotWithHash(byte[] hash) throws DeviceRefusal {
        for (SlotState s : slots()) {
            if (Arrays.equals(s.hash(), hash)) {
                return s.slot();
            }
        }
        throw new DeviceRefusal(McumgrRc.ENOENT, "no image with hash " + hex(hash));
    }

    private void requireApp() throws DeviceRefusal {
        if (state.inRecovery()) {
            throw new DeviceRefusal(McumgrRc.ENOTSUP, "serial recovery supports only list, upload, echo and reset");
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
