package org.uketsuke.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.uketsuke.bridge.sink.PrivateFiles;
import org.uketsuke.face.camera.DemoFrames;

/**
 * The demo card's chip photo, card-face application key and card-face signature (DF28), kept in the demo's data
 * directory after the first start: making them took OpenCV's native load, a JPEG 2000 encode, an RSA key generation
 * and an RSA signature at every start (cold start, docs/tuning.md). All belong to the fictitious demo patient; the
 * files are owner-only like the test PKI's.
 */
final class DemoCardFace {

    private DemoCardFace() {}

    /** The chip photo (JPEG 2000, grey) of the demo patient, or of the mismatch persona's other person. */
    static byte[] chipPhoto(Path dataDir, boolean otherPerson) {
        return kept(
                dataDir.resolve(otherPerson ? "demo-card/other-chip-photo.jp2" : "demo-card/chip-photo.jp2"),
                otherPerson ? DemoFrames::otherPersonChipPhotoJp2 : DemoFrames::chipPhotoJp2);
    }

    /** The card face's RSA 2048 application key (PKCS#8). */
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

    /**
     * The card-face issuer's signature (DF28) for the demo patient or the mismatch persona's card: the kept one when it
     * was made by this issuer over these values, else {@code sign}'s, kept for the next start. The file holds the
     * SHA-256 of the issuer's certificate and of every signed value (each with its length) before the signature: a new
     * test PKI, photo, key or persona makes a new signature, never a stale one. A signature is deterministic (PKCS#1
     * v1.5) and the mock backend's key stays in the same data directory, so a kept one is the one it would make.
     */
    static byte[] faceSignature(
            Path dataDir, boolean otherPerson, byte[] issuerCertificate, List<byte[]> signed, Supplier<byte[]> sign) {
        Path file =
                dataDir.resolve(otherPerson ? "demo-card/other-face-signature.bin" : "demo-card/face-signature.bin");
        byte[] digest = digest(issuerCertificate, signed);
        try {
            if (Files.isRegularFile(file)) {
                byte[] kept = Files.readAllBytes(file);
                if (kept.length > digest.length && Arrays.equals(kept, 0, digest.length, digest, 0, digest.length)) {
                    return Arrays.copyOfRange(kept, digest.length, kept.length);
                }
                Files.delete(file); // made over other values or by another issuer: made again below
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        byte[] signature = sign.get();
        byte[] record = Arrays.copyOf(digest, digest.length + signature.length);
        System.arraycopy(signature, 0, record, digest.length, signature.length);
        kept(file, () -> record);
        return signature;
    }

    private static byte[] digest(byte[] issuerCertificate, List<byte[]> signed) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(issuerCertificate);
        parts.addAll(signed);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha256.update(
                        ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array());
                sha256.update(part);
            }
            return sha256.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
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
