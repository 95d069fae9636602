package org.uketsuke.app.config;

import java.nio.file.Path;
import java.util.Locale;

/** Where a user's Uketsuke data lives, by platform convention (XDG on Linux, LOCALAPPDATA on Windows). */
public final class DataDirectories {

    private DataDirectories() {}

    public static Path userData() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            if (local != null && !local.isBlank()) {
                return Path.of(local, "Uketsuke");
            }
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "uketsuke");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "uketsuke");
    }
}
