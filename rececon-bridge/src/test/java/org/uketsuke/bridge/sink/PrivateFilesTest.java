package org.uketsuke.bridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path dir;

    @AfterEach
    void ownerOnlyAgain() {
        PrivateFiles.configure(PrivateFiles.OWNER_ONLY);
    }

    @Test
    void createdFoldersArePrivateButExistingParentsAreLeftAlone() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        PrivateFiles.createFolders(dir.resolve("a/b"));

        assertThat(mode(dir)).isEqualTo("rwxr-xr-x");
        assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("a/b"))).isEqualTo("rwx------");
    }

    @Test
    void aDatabaseOrFileInAnExistingFolderLeavesThatFolderAsItWas() throws Exception {
        // A store configured as /tmp/store.db once made /tmp 0700 (root runs the tests): nobody else could use /tmp.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        PrivateFiles.prepareDatabase(dir.resolve("store.db"));
        PrivateFiles.createParentFolders(dir.resolve("export/today.pdf"));
        PrivateFiles.createParentFolders(dir.resolve("outbox.db"));

        assertThat(mode(dir)).isEqualTo("rwxr-xr-x");
        assertThat(mode(dir.resolve("store.db"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("export"))).isEqualTo("rwx------");
    }

    @Test
    void aStickyFolderSharedByEveryUserIsNeverMadePrivate() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("tmp"));
        Files.setAttribute(shared, "unix:mode", 01777);

        PrivateFiles.createFolders(shared);
        PrivateFiles.prepareDatabase(shared.resolve("store.db"));

        assertThat((Integer) Files.getAttribute(shared, "unix:mode") & 07777).isEqualTo(01777);
        assertThat(mode(shared.resolve("store.db"))).isEqualTo("rw-------");
    }

    @Test
    void aSqliteDatabaseAndItsWalAndShmArePrivate() throws Exception {
        Path db = dir.resolve("data/outbox.db");

        PrivateFiles.prepareDatabase(db);
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = connection.createStatement()) {
            s.execute("pragma journal_mode=WAL");
            s.execute("create table t (x)");
            s.execute("insert into t values (1)");
            assertThat(db.resolveSibling("outbox.db-wal")).exists();
            assertThat(db.resolveSibling("outbox.db-shm")).exists();
            for (String name : List.of("outbox.db", "outbox.db-wal", "outbox.db-shm")) {
                assertThat(mode(db.resolveSibling(name))).as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void theConfiguredReaderGroupGetsReadAccess() throws Exception {
        String group =
                Files.readAttributes(dir, PosixFileAttributes.class).group().getName();
        PrivateFiles.configure(PrivateFiles.Access.group(group));

        PrivateFiles.createFolders(dir.resolve("face"));
        AtomicFiles.write(dir.resolve("face/a.xml"), new byte[] {1});

        assertThat(mode(dir.resolve("face"))).isEqualTo("rwxr-x---");
        assertThat(mode(dir.resolve("face/a.xml"))).isEqualTo("rw-r-----");
    }

    @Test
    void aGroupNameThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> PrivateFiles.Access.group("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrivateFiles.Access.group("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWindowsAclAllowsTheOwnerAloneAndNothingElse() throws Exception {
        UserPrincipal owner = Files.getOwner(dir);

        List<AclEntry> acl = PrivateFiles.ownerOnly(owner);

        assertThat(acl).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(AclEntryType.ALLOW);
            assertThat(entry.principal()).isEqualTo(owner);
            assertThat(entry.permissions()).contains(AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA);
            assertThat(entry.flags()).isEmpty();
        });
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
