package org.uketsuke.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A document claims only what a test shows: every test class (and {@code Class.method}) that README.md or docs/ name
 * as evidence exists in the repository, so a renamed or deleted test cannot leave a claim behind.
 */
class DocumentedTestsExistTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /**
     * {@code FooTest}, {@code FooTest.method} or {@code FooTest.methodPrefix…}; not a glob such as {@code *FuzzTest} nor
     * part of a word or an option ({@code -DskipTests}).
     */
    private static final Pattern TEST_NAME =
            Pattern.compile("(?<![-*\\w])([A-Z][A-Za-z0-9]*Test)(?:\\.([a-z]\\w*)(…)?)?");

    @Test
    void everyTestNamedInTheDocsExists() throws IOException {
        Map<String, String> sources = testSources();
        assertThat(sources).hasSizeGreaterThan(100);
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (Path doc : documents()) {
            List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = TEST_NAME.matcher(lines.get(i));
                while (m.find()) {
                    named++;
                    String source = sources.get(m.group(1));
                    String where = ROOT.relativize(doc) + ":" + (i + 1) + ": " + m.group();
                    if (source == null) {
                        missing.add(where + " (no such test class)");
                    } else if (m.group(2) != null
                            && !source.contains(" " + m.group(2) + (m.group(3) == null ? "(" : ""))) {
                        missing.add(where + " (no such method)");
                    }
                }
            }
        }
        assertThat(named).as("test names found in the docs").isGreaterThan(50);
        assertThat(missing).isEmpty();
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> all = Files.walk(ROOT.resolve("docs"))) {
            all.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** Test class name → source, over every module's src/test. */
    private static Map<String, String> testSources() throws IOException {
        Map<String, String> sources = new HashMap<>();
        try (Stream<Path> all = Files.walk(ROOT)) {
            for (Path file : all.filter(p -> p.toString().contains("/src/test/")
                            && p.toString().endsWith(".java")
                            && !p.toString().contains("/target/"))
                    .toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                sources.merge(name, Files.readString(file, StandardCharsets.UTF_8), String::concat);
            }
        }
        return sources;
    }
}
