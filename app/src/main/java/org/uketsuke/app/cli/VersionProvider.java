package org.uketsuke.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The version: the package's when an installer set {@code -Duketsuke.version} (the DEB and MSI launchers pass the
 * package version, without Maven's {@code -SNAPSHOT}), else the Maven project version filtered into
 * {@code version.properties} at build time.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {

    public static String version() {
        String packaged = System.getProperty("uketsuke.version");
        if (packaged != null && !packaged.isBlank()) {
            return packaged;
        }
        try (InputStream in = VersionProvider.class.getResourceAsStream("/org/uketsuke/app/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"uketsuke " + version()};
    }
}
