package org.uketsuke.bridge.sink;

import java.io.IOException;
import java.io.InterruptedIOException;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /**
     * Threads that force a group's files at once: they wait on the disk, not the CPU. 16 let a 64-file page share
     * a handful of journal commits (docs/tuning.md, issue #23 fourth round).
     */
    static final int FORCE_THREADS = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final ExecutorService FORCES = Executors.newFixedThreadPool(
            FORCE_THREADS,
            Thread.ofPlatform().daemon().name("atomic-files-force-", 0).factory());

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
        Path temp = tempFor(target, tempNames);
        try {
            try (FileChannel out = writeTemp(temp, bytes)) {
                out.force(true);
                DurableWrites.fsynced();
            }
            rename(temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** A file for {@link #placeAll}: where it goes and what it holds. */
    public record Placement(Path target, byte[] bytes) {}

    /**
     * {@link #place} for several files, their contents' fsyncs issued together from a small pool: ext4 commits its
     * journal once for the fsyncs that arrive while a commit runs, where one after another each waits for its own.
     * Every temp file is written and forced before the first rename, so whatever a crash interrupts, each target is
     * either whole or absent (a dot-temp may stay behind; readers ignore those). Followed by one {@link #syncFolder}
     * per folder, as {@link #place} is.
     *
     * @return the files that could not be placed, with the reason; every other file is in place
     */
    public static Map<Path, IOException> placeAll(List<Placement> files) {
        return placeAll(files, () -> {});
    }

    /** {@link #placeAll} running {@code beforeRenames} once every file is forced (tests kill the process there). */
    public static Map<Path, IOException> placeAll(List<Placement> files, Runnable beforeRenames) {
        Map<Path, IOException> failed = new LinkedHashMap<>();
        List<Written> written = new ArrayList<>();
        try {
            for (Placement file : files) {
                try {
                    Path temp = tempFor(
                            file.target(),
                            Stream.generate(AtomicFiles::randomTempName).iterator());
                    written.add(new Written(file.target(), temp, writeOrDelete(temp, file.bytes())));
                } catch (IOException e) {
                    failed.put(file.target(), e);
                }
            }
            forceTogether(written, failed);
            beforeRenames.run();
            for (Written file : written) {
                if (!failed.containsKey(file.target())) {
                    try {
                        rename(file.temp(), file.target());
                    } catch (IOException e) {
                        failed.put(file.target(), e);
                    }
                }
            }
        } finally {
            for (Written file : written) {
                closeQuietly(file.channel());
                deleteQuietly(file.temp()); // renamed ones are gone already
            }
        }
        return failed;
    }

    /** A temp file written and still open, for its target. */
    private record Written(Path target, Path temp, FileChannel channel) {}

    /** Forces every written file from the pool at once; waits for all of them. */
    private static void forceTogether(List<Written> written, Map<Path, IOException> failed) {
        List<Future<?>> forces = new ArrayList<>();
        for (Written file : written) {
            forces.add(FORCES.submit(() -> {
                file.channel().force(true);
                return null;
            }));
        }
        boolean interrupted = false;
        for (int i = 0; i < forces.size(); i++) {
            Path target = written.get(i).target();
            try {
                forces.get(i).get();
            } catch (InterruptedException e) {
                interrupted = true;
                failed.put(target, new InterruptedIOException("interrupted before " + target + " was forced"));
            } catch (ExecutionException e) {
                failed.put(
                        target,
                        e.getCause() instanceof IOException io
                                ? io
                                : new IOException("cannot force " + target, e.getCause()));
            }
        }
        if (!forces.isEmpty()) {
            DurableWrites.fsyncedTogether(forces.size());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #writeTemp}, deleting the temp file should the write fail. */
    private static FileChannel writeOrDelete(Path temp, byte[] bytes) throws IOException {
        try {
            return writeTemp(temp, bytes);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** A fresh private temp file beside {@code target}, after refusing a linked folder or an unsafe target. */
    private static Path tempFor(Path target, Iterator<String> tempNames) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        if (Files.isSymbolicLink(folder)) {
            throw new UnsafePathException(UnsafePathException.Problem.FOLDER_IS_LINK, folder);
        }
        refuseUnsafeTarget(target);
        return createTemp(folder, tempNames);
    }

    /** The temp file's channel with {@code bytes} written, not yet forced; closed should the write fail. */
    private static FileChannel writeTemp(Path temp, byte[] bytes) throws IOException {
        FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** The rename replaces a link planted at the target after the first check, never the file it points to. */
    private static void rename(Path temp, Path target) throws IOException {
        refuseUnsafeTarget(target);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // forced or failed already: nothing left to lose
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a dot-temp left behind: readers ignore it
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
