package org.uketsuke.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The JVM options a terminal's JVM runs with in the bench: the product's own ({@code jvm.options} of
 * {@code packaging/jvm-options.properties}, what the launcher, the installers and the tests use) and the kiosk flags
 * {@link #PROPOSED_KIOSK} that #23's tuning proposes for the product's launchers — each only where the product's file
 * does not already set that option, so once the file carries them this list adds nothing.
 */
final class ProductJvmOptions {

    /**
     * A kiosk is one small JVM on a shared PC (docs/tuning.md, "20 terminal JVMs and the per-visit CPU"): one stop-the-world
     * collector thread instead of G1's parallel, refinement and marking threads; no metadata-triggered collection
     * while the first visits load their classes (the default threshold, ~21 MB, is passed right after start-up).
     */
    static final List<String> PROPOSED_KIOSK = List.of("-XX:+UseSerialGC", "-XX:MetaspaceSize=64m");

    private static final String FILE = "packaging/jvm-options.properties";
    private static final String KEY = "jvm.options=";

    private ProductJvmOptions() {}

    /** The product's options (from the checkout this JVM runs in) with the proposed kiosk flags they lack. */
    static List<String> terminal() {
        return merged(product(), proposed());
    }

    /**
     * The product file's options alone: what {@code ./uketsuke backend} starts the mock backend's JVM with (its
     * collector included), without the kiosk flags a before/after comparison may swap.
     */
    static List<String> product() {
        return productOptions().orElse(List.of("--enable-native-access=ALL-UNNAMED"));
    }

    /**
     * {@link #PROPOSED_KIOSK}, or for a before/after comparison the flags of {@code -Duketsuke.bench.kioskFlags=A,B}
     * instead (empty: none).
     */
    static List<String> proposed() {
        String instead = System.getProperty("uketsuke.bench.kioskFlags");
        return instead == null
                ? PROPOSED_KIOSK
                : Arrays.stream(instead.split(",")).filter(o -> !o.isBlank()).toList();
    }

    /** {@code product} followed by every {@code proposed} option whose name {@code product} does not set. */
    static List<String> merged(List<String> product, List<String> proposed) {
        List<String> all = new ArrayList<>(product);
        for (String option : proposed) {
            if (product.stream().noneMatch(p -> name(p).equals(name(option)))) {
                all.add(option);
            }
        }
        return all;
    }

    /**
     * An option's name without its value or on/off sign: {@code -XX:+UseSerialGC} and {@code -XX:-UseSerialGC} are
     * one option, and so are {@code -XX:MetaspaceSize=64m} and {@code -XX:MetaspaceSize=32m}. A different collector
     * (the product choosing {@code -XX:+UseG1GC}) also counts as the product's choice.
     */
    static String name(String option) {
        String bare = option.replaceFirst("^-XX:[+-]?", "-XX:").replaceFirst("=.*$", "");
        return bare.matches("-XX:Use[A-Za-z0-9]+GC") ? "-XX:Use*GC" : bare;
    }

    /** The product file's {@code jvm.options}, found from the working folder upwards (the bench and tests run inside). */
    private static Optional<List<String>> productOptions() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(FILE);
            if (Files.isRegularFile(file)) {
                try {
                    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                            .filter(l -> l.startsWith(KEY))
                            .findFirst()
                            .map(l -> Arrays.asList(
                                    l.substring(KEY.length()).strip().split(" +")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Optional.empty();
    }
}
