package org.uketsuke.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;

/**
 * sqlite-jdbc's native library, kept in the user's cache folder instead of extracted at every start: left alone, the
 * driver copies the library out of its jar into {@code java.io.tmpdir} under a fresh name each time and reads the
 * copy back to compare it with the jar, ≈ 1 MB written and read on the start's critical path (docs/tuning.md,
 * seventh round). Here the first start writes the copy (owner-only folder, written whole by a rename) and later ones
 * point the driver at it ({@code org.sqlite.lib.path} and {@code .name}, which it loads without extracting).
 *
 * <p>The copy's name carries the jar entry's size and CRC-32, so another sqlite-jdbc writes a copy of its own. It lives
 * beside the user's AOT cache in the same 0700 folder and is trusted as that cache is: only the terminal's user (or
 * root) can write there, and that user runs the terminal's code anyway. Where anything is unusual (another OS or
 * libc, the properties already set, a folder that cannot be written) nothing is set and the driver does as before.
 */
final class SqliteNativeCopy {

    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    /** The driver's resource folder per {@code os.arch} on glibc Linux (sqlite-jdbc's OSInfo names). */
    private static final Map<String, String> LINUX_ARCH =
            Map.of("amd64", "x86_64", "x86_64", "x86_64", "aarch64", "aarch64");

    private SqliteNativeCopy() {}

    /** Points the driver at the kept copy in {@code folder}, writing it first if needed; what it did, for a debug line. */
    static String use(Path folder) {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return "sqlite native library: set by the JVM's options";
        }
        Optional<String> resource =
                resource(System.getProperty("os.name", ""), System.getProperty("os.arch", ""), Path.of("/lib"));
        if (resource.isEmpty()) {
            return "sqlite native library: the driver extracts it (not glibc Linux on x86_64/aarch64)";
        }
        URL url = ClassLoader.getSystemResource(resource.get());
        if (url == null) {
            return "sqlite native library: not on the class path";
        }
        try {
            // The jar entry's size and CRC-32, from the jar's directory. Not URLConnection's content length and last
            // modified time: those go through its HTTP-style headers, whose date it formats with a SimpleDateFormat and
            // parses back, starting the JDK's calendar and locale data on the start's critical path (8 of the main
            // thread's 37 samples before launch in a profiled start, docs/tuning.md, eleventh round).
            if (!(url.openConnection() instanceof JarURLConnection entry)) {
                return "sqlite native library: the driver extracts it (not in a jar: " + url + ")";
            }
            JarEntry library = entry.getJarEntry();
            long size = library.getSize();
            if (size < 0 || library.getCrc() < 0) {
                return "sqlite native library: the driver extracts it (no size or CRC in its jar's directory)";
            }
            String name = String.format(Locale.ROOT, "libsqlitejdbc-%d-%d.so", size, library.getCrc());
            Path copy = folder.resolve(name);
            boolean kept = Files.isRegularFile(copy) && Files.size(copy) == size;
            if (!kept) {
                write(entry, size, folder, copy);
            }
            System.setProperty(PATH_PROPERTY, folder.toString());
            System.setProperty(NAME_PROPERTY, name);
            return "sqlite native library: " + (kept ? "kept copy " : "copied to ") + copy;
        } catch (IOException | RuntimeException e) {
            return "sqlite native library: the driver extracts it (" + e + ")";
        }
    }

    /**
     * The folder the copy is kept in: {@code native} in the user's cache folder, beside the AOT cache the launchers
     * keep there (a folder of its own, since the build also keeps downloads in {@code ~/.cache/uketsuke}).
     */
    static Path defaultFolder() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base =
                cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("uketsuke").resolve("native");
    }

    /** The driver's jar resource for this OS and architecture; empty where the driver's own choice is not plain. */
    static Optional<String> resource(String osName, String osArch, Path lib) {
        String arch = LINUX_ARCH.get(osArch.toLowerCase(Locale.ROOT));
        if (!osName.equals("Linux") || arch == null || musl(lib)) {
            return Optional.empty(); // musl, Android, other systems: the driver's own detection decides
        }
        return Optional.of("org/sqlite/native/Linux/" + arch + "/libsqlitejdbc.so");
    }

    private static boolean musl(Path lib) {
        try (var files = Files.list(lib)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The entry written whole: a private temporary file beside the copy, then renamed over it. */
    private static void write(JarURLConnection entry, long size, Path folder, Path copy) throws IOException {
        Files.createDirectories(
                folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        Path part = Files.createTempFile(
                folder,
                ".sqlite",
                ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            // Into the file made owner-only above (a copy that replaced it would take the umask's permissions).
            try (InputStream in = entry.getInputStream();
                    OutputStream out = Files.newOutputStream(part)) {
                in.transferTo(out);
            }
            if (Files.size(part) != size) {
                throw new IOException("short copy of " + entry.getURL());
            }
            // One folder on one file system: a rename is atomic there; where it is not, use() lets the driver extract.
            Files.move(part, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
