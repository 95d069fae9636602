package org.uketsuke.app.production;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the terminal's user may read a file or write where a sink writes, without writing anything: a file is
 * opened and closed again, a folder that does not exist yet is judged by the nearest folder that does. "Permission
 * denied" and "no such file" are told apart by the system's own answer ({@code stat} of a file in a folder we may not
 * enter fails with EACCES, which {@link Files#exists} would report as absent).
 */
public final class FileAccess {

    private FileAccess() {}

    /** A file the terminal reads (a certificate, a key). */
    public static Optional<CheckReason> readable(Path file) {
        try {
            if (isFolder(file)) {
                return Optional.of(CheckReason.IS_A_FOLDER);
            }
            try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.READ)) {
                return Optional.empty();
            }
        } catch (NoSuchFileException e) {
            return Optional.of(CheckReason.NO_SUCH_FILE);
        } catch (IOException e) {
            return Optional.of(CheckReason.PERMISSION_DENIED);
        }
    }

    /** A secret (the terminal key): readable, and not by every user of the machine (POSIX only). */
    public static Optional<CheckReason> secret(Path file) {
        Optional<CheckReason> read = readable(file);
        if (read.isPresent()) {
            return read;
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            return mode.contains(PosixFilePermission.OTHERS_READ)
                    ? Optional.of(CheckReason.READABLE_BY_EVERYONE)
                    : Optional.empty();
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty();
        }
    }

    /** A file a sink writes (a database): it may be written, or created in its folder. Nothing is written. */
    public static Optional<CheckReason> writableFile(Path file) {
        try {
            if (isFolder(file)) {
                return Optional.of(CheckReason.IS_A_FOLDER);
            }
            // WRITE without TRUNCATE_EXISTING or APPEND: opened and closed, the content and its time stay as they are.
            try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.WRITE)) {
                return Optional.empty();
            }
        } catch (NoSuchFileException e) {
            return creatable(file.getParent());
        } catch (IOException e) {
            return Optional.of(CheckReason.PERMISSION_DENIED);
        }
    }

    /** A folder a sink writes files into: it may be, or may be created. Nothing is created. */
    public static Optional<CheckReason> writableFolder(Path folder) {
        try {
            if (!isFolder(folder)) {
                return Optional.of(CheckReason.NOT_A_FOLDER);
            }
            return Files.isWritable(folder) && Files.isExecutable(folder)
                    ? Optional.empty()
                    : Optional.of(CheckReason.PERMISSION_DENIED);
        } catch (NoSuchFileException e) {
            return creatable(folder.getParent());
        } catch (IOException e) {
            return Optional.of(CheckReason.PERMISSION_DENIED);
        }
    }

    /** Whether the path is a folder; a path that is not there or may not be looked at throws. */
    private static boolean isFolder(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).isDirectory();
    }

    /** The nearest existing folder up from {@code folder} lets us create what is missing below it. */
    private static Optional<CheckReason> creatable(Path folder) {
        if (folder == null) {
            return Optional.of(CheckReason.NO_SUCH_FILE);
        }
        try {
            Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return creatable(folder.getParent());
        } catch (IOException e) {
            return Optional.of(CheckReason.PERMISSION_DENIED);
        }
        return writableFolder(folder);
    }
}
