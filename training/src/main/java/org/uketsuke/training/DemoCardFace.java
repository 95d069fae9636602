package org.uketsuke.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.function.Supplier;
import org.uketsuke.bridge.sink.PrivateFiles;
import org.uketsuke.face.camera.DemoFrames;

/**
 * The demo card's chip photo and card-face application key, kept in the demo's data directory after the first start:
 * making them took OpenCV's native load, a JPEG 2000 encode and an RSA key generation at every start (cold start,
 * docs/tuning.md). Both belong to the fictitious demo patient; the files are owner-only like the test PKI's.
 */
final class DemoCardFace {

    private DemoCardFace() {}

    /** The chip photo (JPEG 2000, grey) of the demo patient, or of the mismatch persona's other person. */
    static byte[] chipPhoto(Path dataDir, boolean otherPerson) {
        return kept(
                dataDir.resolve(otherPerson ? "demo-card/other-chip-photo.jp2" : "demo-card/chip-photo.jp2"),
                otherPerson ? DemoFrames::otherPersonChipPhotoJp2 : DemoFrames::chipPhotoJp2);
    }

    /** The card face's RSA 2048 application key (PKCS#8); the card-face signature over it is made at each start. */
    static KeyPair applicationKey(Path dataDir) {
        byte[] pkcs8 = kept(
                dataDir.resolve("demo-card/face-key.p8"),
                () -> rsa2048().getPrivate().getEncoded());
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new KeyPair(
                    rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("the demo card's face key in " + dataDir + " is unreadable: " + e, e);
        }
    }

    private static KeyPair rsa2048() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return rsa.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file's bytes, or made, written owner-only (a temporary file's mode) and moved into place whole. */
    private static byte[] kept(Path file, Supplier<byte[]> make) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
            byte[] made = make.get();
            PrivateFiles.createFolders(file.getParent()); // owner-only, like every folder of the data directory
            Path part =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
            try {
                Files.write(part, made);
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(part);
            }
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + file, e);
        }
    }
}
