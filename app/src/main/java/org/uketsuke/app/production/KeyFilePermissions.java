package org.uketsuke.app.production;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.uketsuke.app.terminal.TerminalStartException;

/**
 * The terminal's private key file must be readable by its own user only: anyone else who can read it can sign
 * attestations as this terminal. POSIX: no group or other permission bits; Windows: no ACL entry that lets anyone but
 * the owner, SYSTEM or the Administrators read it. Otherwise the terminal refuses to start, naming the file and the fix.
 */
final class KeyFilePermissions {

    /** Principals that may always read a file on Windows (they can take ownership anyway). */
    private static final Set<String> WINDOWS_TRUSTED =
            Set.of("NT AUTHORITY\\SYSTEM", "BUILTIN\\Administrators", "NT AUTHORITY\\システム");

    /** The system group the DEB creates for the kiosk's service user. */
    static final String SERVICE_GROUP = "uketsuke";

    private KeyFilePermissions() {}

    static void requirePrivate(String configKey, Path file) {
        List<String> others;
        try {
            others = othersWhoCanRead(file);
        } catch (IOException e) {
            throw new TerminalStartException(
                    configKey, file + ": cannot read its permissions (" + e.getMessage() + ")", e);
        }
        if (!others.isEmpty()) {
            throw new TerminalStartException(
                    configKey,
                    file + " (the terminal's private key) can be read by " + String.join(", ", others)
                            + "; make it readable by this user only: " + fix(file)
                            + " / 端末の秘密鍵ファイル " + file + " を他のユーザーが読めます。この利用者だけが読めるようにしてください: "
                            + fix(file),
                    null);
        }
    }

    /** Whether the file's group is the service group or the primary group of the user running the terminal. */
    private static boolean ownGroup(Path file) throws IOException {
        if (SERVICE_GROUP.equals(
                Files.readAttributes(file, PosixFileAttributes.class).group().getName())) {
            return true;
        }
        try {
            // /proc/self belongs to this process's user and primary group.
            return Files.getAttribute(file, "unix:gid").equals(Files.getAttribute(Path.of("/proc/self"), "unix:gid"));
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return false; // no unix view or no /proc: only the service group counts
        }
    }

    /** Who besides the owner (and the system accounts) can read the file; empty when it is private. */
    static List<String> othersWhoCanRead(Path file) throws IOException {
        List<String> others = new ArrayList<>();
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            // The group may read the key only when it is the terminal user's own group (Debian gives each user a
            // private group) or the packages' service group `uketsuke`, whose only member is the kiosk's service user:
            // root owns the key there, so the kiosk cannot rewrite it (docs/install.md).
            if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || (permissions.contains(PosixFilePermission.GROUP_READ) && !ownGroup(file))) {
                others.add("its group");
            }
            if (permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                others.add("all users");
            }
            return others;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (acl != null) {
            UserPrincipal owner = acl.getOwner();
            for (AclEntry entry : acl.getAcl()) {
                if (entry.type() == AclEntryType.ALLOW
                        && entry.permissions().contains(AclEntryPermission.READ_DATA)
                        && !entry.principal().equals(owner)
                        && !WINDOWS_TRUSTED.contains(entry.principal().getName())) {
                    others.add(entry.principal().getName());
                }
            }
        }
        return others;
    }

    private static String fix(Path file) {
        return Files.getFileAttributeView(file, PosixFileAttributeView.class) != null
                ? "chmod 600 '" + file + "'"
                : "icacls \"" + file + "\" /inheritance:r /grant:r \"%USERNAME%:R\"";
    }
}
