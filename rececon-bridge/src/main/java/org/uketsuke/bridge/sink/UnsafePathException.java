package org.uketsuke.bridge.sink;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file the terminal was about to write is not where it seems: the target or its folder is a symbolic link, or no
 * fresh temp file could be created beside it. Refused rather than written, so a planted link can never make the
 * terminal overwrite another file it can write (the audit log, a store).
 */
public final class UnsafePathException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Problem {
        TARGET_IS_LINK,
        FOLDER_IS_LINK,
        TARGET_NOT_A_FILE,
        TEMP_NAME_TAKEN
    }

    private final Problem problem;
    private final transient Path path;

    public UnsafePathException(Problem problem, Path path) {
        super(problem + ": " + path);
        this.problem = problem;
        this.path = path;
    }

    public Problem problem() {
        return problem;
    }

    public Path path() {
        return path;
    }
}
