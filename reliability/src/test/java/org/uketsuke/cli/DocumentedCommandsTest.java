package org.uketsuke.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.uketsuke.app.Uketsuke;
import picocli.CommandLine;

/**
 * Every command shown in README.md and docs/ exists with the options it is shown with, and answers {@code --help}
 * with exit 0 — so a renamed command or option fails here before a reader of the docs finds out. Every command of
 * the command line (training and tool commands included) answers {@code --help} without running anything.
 * Commands the launcher runs itself (test, fuzz, package, format) are checked against the launcher's own usage.
 */
class DocumentedCommandsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** {@code ./uketsuke …}, an installed {@code …/bin/uketsuke …}, or a code span starting {@code uketsuke …}. */
    private static final Pattern INVOCATION =
            Pattern.compile("(?:\\./|/usr/bin/|/opt/uketsuke/bin/|`)uketsuke((?: +[^ `|#→]+)*)");

    private static final Pattern LAUNCHER_USAGE = Pattern.compile("usage: \\./uketsuke ([a-z]+)(.*)\"");
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");

    record Invocation(Path file, int line, List<String> words) {
        @Override
        public String toString() {
            return ROOT.relativize(file) + ":" + line + ": uketsuke " + String.join(" ", words);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedCommandExistsWithItsOptions() throws IOException {
        Map<String, Set<String>> launcher = launcherCommands();
        assertThat(launcher).containsKeys("test", "fuzz", "package", "format");
        List<Invocation> invocations = documentedInvocations();
        assertThat(invocations).as("commands found in the docs").hasSizeGreaterThan(40);
        return invocations.stream()
                .map(invocation -> DynamicTest.dynamicTest(invocation.toString(), () -> {
                    List<String> words = invocation.words();
                    String first = words.getFirst();
                    if (launcher.containsKey(first)) {
                        assertThat(options(words))
                                .as("options of the launcher's %s", first)
                                .isSubsetOf(launcher.get(first));
                        return;
                    }
                    CommandLine command = Uketsuke.commandLine();
                    List<String> path = new ArrayList<>();
                    for (String word : words) {
                        CommandLine sub = command.getSubcommands().get(word);
                        if (sub == null) {
                            break;
                        }
                        command = sub;
                        path.add(word);
                    }
                    if (path.isEmpty()) {
                        assertThat(first).as("not a command").isIn("--help", "--version", "-h", "-V");
                        return;
                    }
                    for (String option : options(words)) {
                        assertThat(command.getCommandSpec().findOption(option))
                                .as("option %s of uketsuke %s", option, String.join(" ", path))
                                .isNotNull();
                    }
                    assertThat(help(path).exitCode()).isZero();
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelpAndRunsNothingElse() {
        List<List<String>> paths = new ArrayList<>();
        collect(Uketsuke.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).as("commands incl. training and tools").hasSizeGreaterThan(15);
        return paths.stream()
                .map(path -> DynamicTest.dynamicTest("uketsuke " + String.join(" ", path) + " --help", () -> {
                    Help help = help(path);
                    assertThat(help.exitCode()).isZero();
                    assertThat(help.out()).startsWith("Usage: uketsuke " + String.join(" ", path));
                    assertThat(help.err()).isEmpty();
                }));
    }

    @Test
    void topLevelHelpListsEveryCommandIncludingTheLaunchersOwn() throws IOException {
        Help help = help(List.of());
        for (String command : Uketsuke.commandLine().getSubcommands().keySet()) {
            assertThat(help.out()).contains("  " + command + " ");
        }
        String launcher = Files.readString(ROOT.resolve("uketsuke"), StandardCharsets.UTF_8);
        String usage = launcher.substring(0, launcher.indexOf("set -euo pipefail"));
        for (String command : launcherCommands().keySet()) {
            assertThat(usage).contains("./uketsuke " + command);
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            List<String> deeper = new ArrayList<>(path);
            deeper.add(name);
            collect(sub, deeper, into);
        });
    }

    record Help(int exitCode, String out, String err) {}

    private static Help help(List<String> path) {
        CommandLine cli = Uketsuke.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        int code = cli.execute(args.toArray(String[]::new));
        return new Help(code, out.toString(), err.toString());
    }

    private static Set<String> options(List<String> words) {
        Set<String> options = new LinkedHashSet<>();
        for (String word : words) {
            Matcher option = OPTION.matcher(word);
            if (word.replace("[", "").startsWith("--") && option.find()) {
                options.add(option.group());
            }
        }
        return options;
    }

    /** The launcher's own commands and their options, from its usage lines. */
    private static Map<String, Set<String>> launcherCommands() throws IOException {
        Map<String, Set<String>> commands = new HashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("uketsuke"), StandardCharsets.UTF_8)) {
            Matcher usage = LAUNCHER_USAGE.matcher(line);
            if (usage.find()) {
                Set<String> options = new LinkedHashSet<>();
                Matcher option = OPTION.matcher(usage.group(2));
                while (option.find()) {
                    options.add(option.group());
                }
                commands.put(usage.group(1), options);
            }
        }
        return commands;
    }

    private static List<Invocation> documentedInvocations() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Invocation> found = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = INVOCATION.matcher(lines.get(i));
                while (m.find()) {
                    List<String> words = List.of(m.group(1).trim().split(" +"));
                    if (!words.getFirst().isEmpty()
                            && (words.getFirst().startsWith("-")
                                    || Character.isLowerCase(words.getFirst().charAt(0)))) {
                        found.add(new Invocation(file, i + 1, words));
                    }
                }
            }
        }
        return found;
    }
}
