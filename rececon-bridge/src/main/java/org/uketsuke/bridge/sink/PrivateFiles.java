package org.uketsuke.bridge.sink;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides who may read what the terminal writes: results, CSV days, answers with drug and checkup
 * records, requests, the outbox and the stores hold personal data (要配慮個人情報 among them), so files are created
 * {@code 0600} and folders {@code 0700} — or {@code 0640}/{@code 0750} with the configured group when a レセコン running
 * as another user in that group must read them. On Windows (no POSIX view) an ACL granting the owner alone replaces the
 * inherited one. Java has no umask: every writer creates through here, and SQLite files are created here first (SQLite
 * gives its {@code -wal}/{@code -shm}/{@code -journal} the database file's mode).
 */
public final class PrivateFiles {

    /**
     * Who besides the terminal's own user may read: nobody ({@link #OWNER_ONLY}) or the members of one group.
     *
     * @param readerGroup the group a レセコン reads the files as, or empty
     */
    public record Access(Optional<String> readerGroup) {
        public Access {
            Objects.requireNonNull(readerGroup, "readerGroup");
            readerGroup.ifPresent(group -> {
                if (!group.matches("[A-Za-z0-9._][A-Za-z0-9._-]{0,31}")) {
                    throw new IllegalArgumentException("a group name is 1–32 letters, digits, '.', '_' or '-'");
                }
            });
        }

        public static Access group(String name) {
            return new Access(Optional.of(name));
        }

        Set<PosixFilePermission> fileMode() {
            return readerGroup.isPresent() ? PosixFilePermissions.fromString("rw-r-----") : OWNER_FILE;
        }

        Set<PosixFilePermission> folderMode() {
            return readerGroup.isPresent() ? PosixFilePermissions.fromString("rwxr-x---") : OWNER_FOLDER;
        }
    }

    public static final Access OWNER_ONLY = new Access(Optional.empty());

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    // Set once when the terminal starts (the setting sink.reader_group); every writer, whichever module, reads it here.
    private static volatile Access access = OWNER_ONLY;

    private PrivateFiles() {}

    /** Applies the configured access to every file and folder created from now on. */
    public static void configure(Access configured) {
        access = Objects.requireNonNull(configured, "configured");
    }

    public static Access access() {
        return access;
    }

    /** Attributes for creating a file atomically with its final mode (POSIX); empty elsewhere (ACL set after). */
    public static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(access.fileMode())} : NONE;
    }

    /**
     * Creates {@code folder} and its missing parents private to the terminal, and makes {@code folder} itself private
     * if it was there already (parents that existed are left alone: they may be shared folders of the clinic).
     */
    public static Path createFolders(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            restrictFolder(absolute);
        } else {
            createMissing(absolute);
        }
        return folder;
    }

    /**
     * Creates the missing folders above {@code file} private to the terminal and leaves every folder that existed as
     * it is: the folder a database, an export or the outbox is put in may be the clinic's (a user's desktop, a share,
     * {@code /tmp}), and making it private would lock others out of it.
     */
    public static void createParentFolders(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            createMissing(parent);
        }
    }

    /** Creates {@code absolute} and its missing parents; each folder created here gets the private mode. */
    private static void createMissing(Path absolute) throws IOException {
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path missing = absolute;
        while (missing.getParent() != null && !Files.exists(missing.getParent())) {
            missing = missing.getParent();
        }
        Files.createDirectories(absolute);
        for (Path p = absolute; p != null && p.startsWith(missing); p = p.getParent()) {
            restrictFolder(p);
        }
    }

    /**
     * Creates an empty private file if none is there (a SQLite database before its first open), else makes the one
     * there private; then the same for its {@code -wal}, {@code -shm} and {@code -journal} companions that exist.
     */
    public static void prepareDatabase(Path db) throws IOException {
        createParentFolders(db);
        try {
            Files.newByteChannel(
                            db, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), fileAttributes())
                    .close();
        } catch (FileAlreadyExistsException e) {
            // an existing database: made private below
        }
        restrictDatabase(db);
    }

    /** Makes a database file and the companions SQLite has created beside it private (after opening it). */
    public static void restrictDatabase(Path db) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            Path file = db.resolveSibling(db.getFileName() + suffix);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                restrictFile(file);
            }
        }
    }

    /** Gives an existing file the private mode (POSIX) or the owner-only ACL (Windows). */
    public static void restrictFile(Path file) throws IOException {
        restrict(file, access.fileMode());
    }

    private static void restrictFolder(Path folder) throws IOException {
        if (POSIX && isSticky(folder)) {
            // /tmp and the like: a folder shared by every user on purpose; what is written in it is private anyway.
            return;
        }
        if (POSIX
                && !Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS)
                        .equals(folder.getFileSystem()
                                .getUserPrincipalLookupService()
                                .lookupPrincipalByName(System.getProperty("user.name")))) {
            // A folder the administrator made for this user (the DEB's /var/lib/uketsuke, root:uketsuke 2770): it
            // cannot be changed here, and need not be while other users have no access to it.
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS);
            if (mode.contains(PosixFilePermission.OTHERS_READ)
                    || mode.contains(PosixFilePermission.OTHERS_WRITE)
                    || mode.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException(folder + ": other users may open this folder; make it 0770 or 0700");
            }
            return;
        }
        restrict(folder, access.folderMode());
    }

    private static boolean isSticky(Path folder) throws IOException {
        Object mode = Files.getAttribute(folder, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return mode instanceof Integer bits && (bits & STICKY_BIT) != 0;
    }

    private static final int STICKY_BIT = 01000;

    private static void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (POSIX) {
            PosixFileAttributeView view =
                    Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            Optional<String> group = access.readerGroup();
            if (group.isPresent()) {
                GroupPrincipal principal =
                        path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group.get());
                view.setGroup(principal);
            }
            view.setPermissions(mode);
            return;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl != null) {
            acl.setAcl(ownerOnly(acl.getOwner()));
        }
    }

    /**
     * The Windows ACL of a private file or folder: one entry allowing its owner everything, nothing inherited — so
     * neither Users nor Everyone can read it. (A group reader is not offered on Windows: there the レセコン runs as the
     * same user or reads through the 連携アプリ's share, which the administrator grants explicitly.)
     */
    static List<AclEntry> ownerOnly(UserPrincipal owner) {
        return List.of(AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                .build());
    }

    private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];
}
