package dev.hil.drivers.refdevice;

import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.ImageSigner;
import dev.hil.core.image.ImageVersion;
import dev.hil.core.image.SigningKey;
import dev.hil.core.image.TrustKey;
import dev.hil.refdevice.Defect;
import dev.hil.refdevice.Flash;
import dev.hil.refdevice.FlashLayout;
import dev.hil.refdevice.PowerFailure;
import dev.hil.refdevice.VirtualDevice;
import dev.hil.refdevice.image.TrustedKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The reference device in this JVM, fed by the harness: images built and signed by the harness's
 * {@link ImageSigner}, the device's trust key made from the harness's {@link SigningKey}, a flash
 * file in a temp directory and a captured device log.
 */
final class Bench {
    static final int SLOT_SECTORS = 4;
    static final SigningKey KEY = SigningKey.generate(SigningKey.Type.ECDSA_P256);

    final Path dir;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final Set<Defect> defects;

    Bench(Path dir, Defect... defects) {
        this.dir = dir;
        this.defects = defects.length == 0 ? EnumSet.noneOf(Defect.class) : EnumSet.of(defects[0], defects);
    }

    static FirmwareImage signed(String version, int bodySize, long seed) {
        byte[] body = new byte[bodySize];
        new Random(seed).nextBytes(body);
        return ImageSigner.signedBy(KEY).build(body, ImageVersion.parse(version));
    }

    /** The device-side trust key for the harness's key: the same DER public key, read by the device's code. */
    static TrustedKey deviceTrust(TrustKey key) {
        try {
            return TrustedKey.fromDer(key.publicKey().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    VirtualDevice device() {
        try {
            Flash flash = Flash.open(dir.resolve("flash.bin"), FlashLayout.forSlotSectors(SLOT_SECTORS), 0,
                    PowerFailure.NEVER, log::add);
            return new VirtualDevice(flash, deviceTrust(KEY.trustKey()), defects, log::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
