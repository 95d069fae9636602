package org.uketsuke.app.staff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The terminal's staff accounts: one file in the data folder ({@value #FILE_NAME}), readable and writable only by
 * the terminal's user (0600), one account a line — id, name, roles, Argon2id hash, failed sign-ins, lockout end —
 * tab-separated. Every change rewrites the file atomically. Thread-safe; each call reads the file afresh so that the
 * CLI and a running console see each other's changes.
 */
public final class StaffAccounts {

    public static final String FILE_NAME = "staff-accounts.tsv";
    private static final String HEADER =
            "# uketsuke staff accounts v1: id\tname\troles\targon2id\tfailures\tlocked_until";
    private static final String UNTIL_UNLOCKED = "admin";

    private final Path file;

    private StaffAccounts(Path file) {
        this.file = file;
    }

    /** The accounts of the terminal whose data folder is {@code dataDir} (the file need not exist yet). */
    public static StaffAccounts in(Path dataDir) {
        return new StaffAccounts(dataDir.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    public synchronized List<StaffAccount> list() {
        return List.copyOf(read().values());
    }

    public synchronized Optional<StaffAccount> find(String id) {
        return Optional.ofNullable(read().get(id));
    }

    /** Whether an account can manage the others (the console refuses to open without one). */
    public synchronized boolean hasAdministrator() {
        return read().values().stream().anyMatch(a -> a.has(Role.ADMINISTRATOR));
    }

    /** @throws IllegalArgumentException when the id is taken */
    public synchronized void add(StaffAccount account) {
        Map<String, StaffAccount> all = read();
        if (all.containsKey(account.id())) {
            throw new IllegalArgumentException("staff account '" + account.id() + "' exists already");
        }
        all.put(account.id(), account);
        write(all);
    }

    /**
     * Changes one account.
     *
     * @throws IllegalArgumentException when there is no such account, or the change would leave no administrator
     */
    public synchronized StaffAccount update(String id, UnaryOperator<StaffAccount> change) {
        Map<String, StaffAccount> all = read();
        StaffAccount account = all.get(id);
        if (account == null) {
            throw new IllegalArgumentException("no staff account '" + id + "'");
        }
        StaffAccount changed = change.apply(account);
        all.put(id, changed);
        requireAdministrator(all);
        write(all);
        return changed;
    }

    /** @throws IllegalArgumentException when there is no such account, or it is the last administrator */
    public synchronized void remove(String id) {
        Map<String, StaffAccount> all = read();
        if (all.remove(id) == null) {
            throw new IllegalArgumentException("no staff account '" + id + "'");
        }
        requireAdministrator(all);
        write(all);
    }

    private static void requireAdministrator(Map<String, StaffAccount> all) {
        if (all.values().stream().noneMatch(a -> a.has(Role.ADMINISTRATOR))) {
            throw new IllegalArgumentException("the terminal would be left without an administrator");
        }
    }

    private Map<String, StaffAccount> read() {
        Map<String, StaffAccount> all = new LinkedHashMap<>();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return all;
        }
        if (Files.isSymbolicLink(file)) {
            throw new IllegalStateException(file + " is a symbolic link; staff accounts are not read through links");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staff accounts " + file, e);
        }
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                StaffAccount account = parse(line);
                all.put(account.id(), account);
            } catch (RuntimeException e) {
                throw new IllegalStateException(file + " line " + number + ": " + e.getMessage(), e);
            }
        }
        return all;
    }

    private static StaffAccount parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 tab-separated fields");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(f[2].split(","))
                .filter(s -> !s.isBlank())
                .map(Role::ofToken)
                .forEach(roles::add);
        Optional<Instant> until = switch (f[5]) {
            case "" -> Optional.empty();
            case UNTIL_UNLOCKED -> Optional.of(Instant.MAX);
            default -> Optional.of(Instant.parse(f[5]));
        };
        return new StaffAccount(f[0], f[1], roles, PasswordHash.parse(f[3]), Integer.parseInt(f[4]), until);
    }

    private static String format(StaffAccount a) {
        List<String> roles = new ArrayList<>();
        for (Role role : Role.values()) {
            if (a.has(role)) {
                roles.add(role.token());
            }
        }
        String until = a.lockedUntil()
                .map(t -> t.equals(Instant.MAX) ? UNTIL_UNLOCKED : t.toString())
                .orElse("");
        return String.join(
                "\t",
                a.id(),
                a.name(),
                String.join(",", roles),
                a.password().encoded(),
                Integer.toString(a.failures()),
                until);
    }

    private void write(Map<String, StaffAccount> all) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        all.values().forEach(a -> text.append(format(a)).append('\n'));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".staff-", ".tmp", ownerOnly(parent));
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the staff accounts " + file, e);
        }
    }

    /** 0600 where the file system has POSIX permissions (on Windows the data folder's ACL applies). */
    private static FileAttribute<?>[] ownerOnly(Path folder) {
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            };
        }
        return new FileAttribute<?>[0];
    }
}
