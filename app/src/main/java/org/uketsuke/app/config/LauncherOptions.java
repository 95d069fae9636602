package org.uketsuke.app.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The check of {@code java_options}, the one setting that reaches a command line: the Windows launcher
 * ({@code uketsuke.cmd}) hands it to the JVM. A value is a space-separated list of JVM options made only of
 * characters no shell or {@code cmd.exe} gives a meaning ({@code & | < > ^ " ' % ! ( ) ;} and line breaks are
 * refused), and none of the options that make the JVM start other code (agents, {@code -XX:OnError}, a changed boot
 * class path). The settings screen never edits it; an administrator edits {@code uketsuke.conf} on the machine.
 */
public final class LauncherOptions {

    /** One option: a leading dash, then letters, digits and {@code _ . : = / \ @ + , ~ -} (paths, sizes, properties). */
    private static final Pattern OPTION = Pattern.compile("-[A-Za-z0-9_.:=/\\\\@+,~-]+");

    /** Options that load or run code of someone's choosing, by prefix (lower case). */
    private static final List<String> CODE_STARTING = List.of(
            "-javaagent",
            "-agentlib",
            "-agentpath",
            "-xbootclasspath",
            "-xx:onerror",
            "-xx:onoutofmemoryerror",
            "-xx:+unlockdiagnosticvmoptions",
            "-djava.system.class.loader",
            "-djava.security.manager",
            "-djava.security.policy",
            "--class-path",
            "--module-path",
            "--patch-module",
            "--upgrade-module-path");

    /** Options whose value is the next word (a class path, a jar): refused as words of their own. */
    private static final List<String> CODE_STARTING_WORDS = List.of("-cp", "-classpath", "-p", "-jar");

    private LauncherOptions() {}

    /** What is wrong with the value, empty when it may be handed to the launcher; the detail names the option. */
    public static Optional<String> problem(String javaOptions) {
        if (javaOptions.isBlank()) {
            return Optional.empty();
        }
        for (String option : javaOptions.strip().split(" +")) {
            if (!OPTION.matcher(option).matches()) {
                return Optional.of(abbreviate(option));
            }
            String lower = option.toLowerCase(Locale.ROOT);
            if (CODE_STARTING.stream().anyMatch(lower::startsWith) || CODE_STARTING_WORDS.contains(lower)) {
                return Optional.of(abbreviate(option));
            }
        }
        return Optional.empty();
    }

    private static String abbreviate(String option) {
        String printable = option.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}
