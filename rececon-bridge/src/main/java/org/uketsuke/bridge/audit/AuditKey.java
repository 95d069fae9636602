package org.uketsuke.bridge.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The audit log's HMAC-SHA256 key: 32 random bytes in a file readable by its owner only (0600 where the file system
 * has POSIX permissions), created on first use and never logged or printed. What this protects against and what it
 * does not is docs/decisions/0006-audit-log-key.md.
 */
public final class AuditKey {

    static final int LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private AuditKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, ALGORITHM);
    }

    /** The key file beside a log: {@code <log>.key}. */
    public static Path fileOf(Path log) {
        return log.resolveSibling(log.getFileName() + ".key");
    }

    /** Reads the key; empty when the file does not exist. */
    static Optional<AuditKey> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (bytes.length != LENGTH) {
            throw new IOException("the audit key " + file + " is not " + LENGTH + " bytes");
        }
        return Optional.of(new AuditKey(bytes));
    }

    /** Creates a fresh key file (owner-only, written whole then renamed); refuses to replace an existing one. */
    static AuditKey create(Path file) throws IOException {
        byte[] bytes = new byte[LENGTH];
        new SecureRandom().nextBytes(bytes);
        Path temp = file.resolveSibling(
                "." + file.getFileName() + "." + HexFormat.of().toHexDigits(System.nanoTime()));
        try {
            try (FileChannel out = FileChannel.open(
                    temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(file))) {
                out.write(ByteBuffer.wrap(bytes));
                out.force(true);
            }
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new AuditKey(bytes);
    }

    private static FileAttribute<?>[] ownerOnly(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        return folder != null && Files.getFileStore(folder).supportsFileAttributeView("posix")
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }

    /** HMAC-SHA256 of {@code parts}, each as given, as lower-case hex. */
    String mac(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "AuditKey[hidden]";
    }
}
