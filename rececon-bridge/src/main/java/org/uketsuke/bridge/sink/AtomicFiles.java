package org.uketsuke.bridge.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How the bridge writes a file that a レセコン watches: a dot-temp file in the same folder (ignored by watchers),
 * fsynced, renamed atomically, and the folder fsynced — a reader never sees half a file, and a crash never loses a
 * renamed one. Others may write into these folders (a レセコン drops requests there), so the temp name is random,
 * created exclusively without following links and private ({@link PrivateFiles}); a target or folder that is a
 * symbolic link is refused ({@link UnsafePathException}). The rename replaces a link planted at the target after the
 * check, never the file it points to.
 */
public final class AtomicFiles {

    /** Fresh names tried before giving up: a taken random name means someone is guessing, not bad luck. */
    static final int TEMP_ATTEMPTS = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {}

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, Stream.generate(AtomicFiles::randomTempName).iterator());
    }

    /**
     * {@link #write} without the folder's fsync: for several files into one folder, followed by one
     * {@link #syncFolder} — until then a renamed file may be lost with the power (never seen half), so nothing may
     * count as written before it.
     */
    public static void place(Path target, byte[] bytes) throws IOException {
        place(target, bytes, Stream.generate(AtomicFiles::randomTempName).iterator());
    }

    /** With the temp names given (tests plant links at them). */
    static void write(Path target, byte[] bytes, Iterator<String> tempNames) throws IOException {
        place(target, bytes, tempNames);
        syncFolder(target.toAbsolutePath().getParent());
    }

    private static void place(Path target, byte[] bytes, Iterator<String> tempNames) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        if (Files.isSymbolicLink(folder)) {
            throw new UnsafePathException(UnsafePathException.Problem.FOLDER_IS_LINK, folder);
        }
        refuseUnsafeTarget(target);
        Path temp = createTemp(folder, tempNames);
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
                DurableWrites.fsynced();
            }
            refuseUnsafeTarget(target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static Path createTemp(Path folder, Iterator<String> names) throws IOException {
        for (int i = 0; i < TEMP_ATTEMPTS && names.hasNext(); i++) {
            Path temp = folder.resolve(names.next());
            try {
                // CREATE_NEW is O_CREAT|O_EXCL: it fails on any existing name, a dangling or planted link included.
                Files.newByteChannel(
                                temp,
                                Set.<OpenOption>of(
                                        StandardOpenOption.CREATE_NEW,
                                        StandardOpenOption.WRITE,
                                        LinkOption.NOFOLLOW_LINKS),
                                PrivateFiles.fileAttributes())
                        .close();
                PrivateFiles.restrictFile(temp);
                return temp;
            } catch (FileAlreadyExistsException e) {
                // taken: try another name
            }
        }
        throw new UnsafePathException(UnsafePathException.Problem.TEMP_NAME_TAKEN, folder);
    }

    private static void refuseUnsafeTarget(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes attributes =
                Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw new UnsafePathException(UnsafePathException.Problem.TARGET_IS_LINK, target);
        }
        if (!attributes.isRegularFile()) {
            throw new UnsafePathException(UnsafePathException.Problem.TARGET_NOT_A_FILE, target);
        }
    }

    private static String randomTempName() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "." + HexFormat.of().formatHex(bytes) + ".tmp";
    }

    /** Makes the renames into {@code folder} durable (one fsync of the folder, however many files went in). */
    public static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
            DurableWrites.fsynced();
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself.
        }
    }
}
