package org.uketsuke.folders;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code kiosk --check} looks at for the folders backend, touching nothing: the 連携アプリ's {@code face} folder
 * must be readable, {@code req} writable (requests are dropped there) and {@code res} readable and writable (answers
 * read are removed). A share that is not mounted shows as missing folders.
 */
public final class FolderCheck {

    /** What is wrong with one folder. */
    public enum Problem {
        MISSING,
        NOT_READABLE,
        NOT_WRITABLE
    }

    /** One problem: which folder ({@code face}, {@code req}, {@code res}), why, and its path. */
    public record Finding(String folder, Problem problem, Path path) {}

    private FolderCheck() {}

    public static List<Finding> check(FolderSettings settings) {
        List<Finding> found = new ArrayList<>();
        folder(found, "face", settings.face(), false);
        folder(found, "req", settings.req(), true);
        folder(found, "res", settings.res(), true);
        return found;
    }

    private static void folder(List<Finding> found, String name, Path path, boolean writes) {
        if (!Files.isDirectory(path)) {
            found.add(new Finding(name, Problem.MISSING, path));
        } else if (!Files.isReadable(path) || !Files.isExecutable(path)) {
            found.add(new Finding(name, Problem.NOT_READABLE, path));
        } else if (writes && !Files.isWritable(path)) {
            found.add(new Finding(name, Problem.NOT_WRITABLE, path));
        }
    }
}
