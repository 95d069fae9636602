package org.uketsuke.tools.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A bench JVM's AOT cache (JEP 514/515), as the product's launchers keep one: none, trained by this run (written when
 * its JVM exits), or mapped from an earlier one; {@link #options} are what its command line gains.
 */
record AotCache(List<String> options) {

    static final AotCache NONE = new AotCache(List.of());

    /**
     * Trained into {@code file}; none when {@code classPath} holds a folder (a test's classes): the AOT cache, like
     * AppCDS, refuses to archive from folders, and the JVM would end with an error after its work.
     */
    static AotCache train(Path file, String classPath) {
        boolean jarsOnly = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(e -> !e.isBlank())
                .noneMatch(e -> Files.isDirectory(Path.of(e)));
        return jarsOnly ? new AotCache(flags("-XX:AOTCacheOutput=", file)) : NONE;
    }

    /** {@code file} mapped if the training run made it; else none (a JVM without AOT support, a failed write). */
    static AotCache use(Path file) {
        return Files.isRegularFile(file) ? new AotCache(flags("-XX:AOTCache=", file)) : NONE;
    }

    /** {@code option} naming {@code file}, with the JVM's AOT and CDS messages off, as ./uketsuke starts the app. */
    static List<String> flags(String option, Path file) {
        return List.of(option + file, "-Xlog:aot*=off", "-Xlog:cds*=off");
    }
}
