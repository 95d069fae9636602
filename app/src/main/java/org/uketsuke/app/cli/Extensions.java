package org.uketsuke.app.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The optional packages installed beside the product. From a checkout their jars are on the class path; an
 * installed product finds them as jars in the folders named by the system property {@code uketsuke.extensions}
 * (the DEB's and MSI's launchers set it to the folder the training package installs into). A folder that does not
 * exist means the package is not installed.
 */
public final class Extensions {

    /** System property: folders (path-separator list) whose jars are loaded as extensions. */
    public static final String FOLDERS_PROPERTY = "uketsuke.extensions";

    private Extensions() {}

    /** Every contribution on the class path or in the extension folders, in a stable order (by class name). */
    public static List<CommandContribution> contributions() {
        ClassLoader loader = loader(System.getProperty(FOLDERS_PROPERTY, ""));
        List<CommandContribution> found = new ArrayList<>();
        ServiceLoader.load(CommandContribution.class, loader).forEach(found::add);
        found.sort((a, b) -> a.getClass().getName().compareTo(b.getClass().getName()));
        return found;
    }

    static ClassLoader loader(String folders) {
        ClassLoader parent = Extensions.class.getClassLoader();
        List<URL> jars = new ArrayList<>();
        for (String folder : folders.split(File.pathSeparator)) {
            if (!folder.isBlank()) {
                jars.addAll(jarsIn(Path.of(folder)));
            }
        }
        return jars.isEmpty() ? parent : new URLClassLoader("uketsuke-extensions", jars.toArray(URL[]::new), parent);
    }

    private static List<URL> jarsIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .map(Extensions::url)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the extension folder " + folder, e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar.toString(), e);
        }
    }
}
