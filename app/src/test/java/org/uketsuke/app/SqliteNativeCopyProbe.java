package org.uketsuke.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * In a child JVM ({@link SqliteNativeCopyTest}): points the driver at the kept copy in {@code args[0]}, opens a
 * database and prints {@code LOADED FROM COPY} when the process maps the copy (not a file the driver extracted).
 */
final class SqliteNativeCopyProbe {

    private SqliteNativeCopyProbe() {}

    public static void main(String[] args) throws Exception {
        System.out.println(SqliteNativeCopy.use(Path.of(args[0])));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select sqlite_version()")) {
            rs.next();
            System.out.println("SQLITE " + rs.getString(1));
        }
        String copy = Path.of(args[0], System.getProperty(SqliteNativeCopy.NAME_PROPERTY, "-"))
                .toString();
        boolean mapped = Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(l -> l.endsWith(copy));
        System.out.println(mapped ? "LOADED FROM COPY" : "NOT LOADED FROM COPY");
    }
}
