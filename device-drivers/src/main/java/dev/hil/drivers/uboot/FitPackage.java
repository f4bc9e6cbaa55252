package dev.hil.drivers.uboot;

import dev.hil.core.image.FirmwareImage;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A signed application image wrapped as a U-Boot FIT, the form the A/B scripts of the QEMU rig
 * install and boot. The image is split where its MCUboot hash ends: {@code /images/app} holds
 * header, body and protected TLVs, so the sha256 U-Boot's {@code iminfo} verifies over it is
 * exactly the image hash the harness compares ({@link FirmwareImage#hash()}); {@code /images/tlv}
 * holds the rest (hash and signature TLVs). Each part carries a crc32 and a sha256 hash node.
 * U-Boot cannot check the ECDSA/Ed25519 signature itself (its FIT signatures are RSA with a key
 * in the control DTB), so authenticity stays with the harness's own check.
 */
public final class FitPackage {
    private final byte[] blob;
    private final FirmwareImage image;

    private FitPackage(FirmwareImage image, byte[] blob) {
        this.image = image;
        this.blob = blob;
    }

    public static FitPackage of(FirmwareImage image) {
        byte[] all = image.bytes();
        int hashed = image.headerSize() + image.bodySize() + image.protectedTlvSize();
        byte[] app = Arrays.copyOfRange(all, 0, hashed);
        byte[] tlv = Arrays.copyOfRange(all, hashed, all.length);
        DeviceTreeBlob dtb = new DeviceTreeBlob();
        DeviceTreeBlob.Node root = dtb.root()
                .string("description", "hil application " + image.version())
                .cell("timestamp", 0) // mandatory in a FIT; 0 keeps the package reproducible
                .string("version", image.version().toString())
                .cell("#address-cells", 1);
        DeviceTreeBlob.Node images = root.child("images");
        part(images.child("app"), "application: header, body, protected TLVs", app);
        part(images.child("tlv"), "unprotected TLVs: image hash and signature", tlv);
        DeviceTreeBlob.Node configs = root.child("configurations").string("default", "conf-1");
        configs.child("conf-1").string("description", "application").string("firmware", "app").string("loadables", "tlv");
        return new FitPackage(image, dtb.encode());
    }

    private static void part(DeviceTreeBlob.Node node, String description, byte[] data) {
        node.string("description", description).bytes("data", data).string("type", "firmware")
                .string("arch", "arm").string("os", "u-boot").string("compression", "none");
        CRC32 crc = new CRC32();
        crc.update(data);
        node.child("hash-1").string("algo", "crc32").bytes("value", ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        node.child("hash-2").string("algo", "sha256").bytes("value", sha256(data));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }

    public byte[] bytes() {
        return blob.clone();
    }

    public int size() {
        return blob.length;
    }

    public FirmwareImage image() {
        return image;
    }
}
