package org.uketsuke.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A seeded mutation fuzzer for one parser. It replays the committed corpus ({@code src/test/resources/fuzz/<Target>/})
 * and then feeds mutated inputs to the target. The invariant is the parser's contract: it returns, or it throws one
 * of its typed errors ({@link #allow}); anything else — a NullPointerException, IndexOutOfBounds, ClassCast,
 * StackOverflowError, OutOfMemoryError — is a finding, saved under {@code target/fuzz-findings/<Target>/} and
 * reported as an {@link AssertionError} naming the file and the seed.
 *
 * <p>Budget: without a system property, a fixed-seed batch of {@link #defaultInputs} mutated inputs (regression mode,
 * part of every {@code mvn verify}). {@code -Duketsuke.fuzz=30s} (or {@code 5m}, or a count such as {@code 1000000})
 * fuzzes every target that long with a fresh seed; {@code -Duketsuke.fuzz.<Target>=…} overrides one target and
 * {@code -Duketsuke.fuzz.seed=N} reproduces a run. Inputs that show a new behaviour (another result type or error)
 * join the working pool, a cheap stand-in for coverage feedback, and in fuzzing mode are kept under
 * {@code target/fuzz-corpus/<Target>/} to be promoted into the committed corpus.
 *
 * <p>Why not Jazzer: jazzer-junit 0.24.0 runs on JDK 25 but its bundled ASM refuses class files of version 69, so
 * nothing is instrumented and its fuzzing mode is blind (docs/reliability.md).
 */
public final class Fuzzer {

    /**
     * The code under test: parse the input and return anything. The returned value's type counts as a behaviour; a
     * returned String is taken as the behaviour itself (keep it short: an outcome's name, not the input).
     */
    @FunctionalInterface
    public interface Target {
        Object run(byte[] input) throws Exception;
    }

    private static final int POOL_LIMIT = 4_000;

    private final String name;
    private Path corpus;
    private final List<byte[]> dictionary = new ArrayList<>();
    private final List<Class<? extends Throwable>> allowed = new ArrayList<>();
    private int maxLength = 4_096;
    private int defaultInputs = 3_000;
    private long maxInputs = Long.MAX_VALUE;

    private Fuzzer(String name) {
        this.name = name;
        this.corpus = Path.of("src", "test", "resources", "fuzz", name);
    }

    /** A fuzzer for the target of that name (also the corpus folder's name). */
    public static Fuzzer target(String name) {
        return new Fuzzer(name);
    }

    public Fuzzer corpus(Path folder) {
        this.corpus = folder;
        return this;
    }

    /** Tokens the mutator inserts (element names, tags, magic values). */
    public Fuzzer dictionary(String... tokens) {
        for (String token : tokens) {
            dictionary.add(token.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    public Fuzzer dictionary(byte[]... tokens) {
        dictionary.addAll(Arrays.asList(tokens));
        return this;
    }

    /** The parser's typed errors: thrown for bad input, they are expected. */
    @SafeVarargs
    public final Fuzzer allow(Class<? extends Throwable>... typed) {
        for (Class<? extends Throwable> type : typed) {
            allowed.add(type);
        }
        return this;
    }

    public Fuzzer maxLength(int bytes) {
        this.maxLength = bytes;
        return this;
    }

    /** Mutated inputs in regression mode (no budget property). */
    public Fuzzer defaultInputs(int count) {
        this.defaultInputs = count;
        return this;
    }

    /** A cap on mutated inputs whatever the budget says (targets that do real I/O per input). */
    public Fuzzer maxInputs(long count) {
        this.maxInputs = count;
        return this;
    }

    /** Runs the corpus and the budget; throws {@link AssertionError} on the first finding. */
    public FuzzReport run(Target target) {
        List<byte[]> seeds = loadCorpus();
        Budget budget = Budget.of(
                System.getProperty("uketsuke.fuzz." + name, System.getProperty("uketsuke.fuzz")), defaultInputs);
        long seed = Long.getLong(
                "uketsuke.fuzz.seed", budget.fuzzing() ? System.nanoTime() : name.hashCode() * 0x9E3779B97F4A7C15L);
        Random random = new Random(seed);
        Mutator mutator = new Mutator(random, dictionary, maxLength);
        List<byte[]> pool = new ArrayList<>(seeds);
        Set<String> behaviours = new HashSet<>();
        long started = System.nanoTime();

        for (byte[] input : seeds) {
            behaviours.add(check(target, input, seed));
        }
        long mutated = 0;
        long deadline = budget.duration() == null
                ? Long.MAX_VALUE
                : started + budget.duration().toNanos();
        long inputs = Math.min(budget.inputs(), maxInputs);
        while (mutated < inputs && System.nanoTime() < deadline) {
            byte[] input = mutator.mutate(pool.get(random.nextInt(pool.size())), pool);
            mutated++;
            if (behaviours.add(check(target, input, seed)) && pool.size() < POOL_LIMIT) {
                pool.add(input);
                if (budget.fuzzing()) {
                    save(Path.of("target", "fuzz-corpus", name), "new-", input);
                }
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        FuzzReport report = new FuzzReport(name, seeds.size(), mutated, elapsed, seed, behaviours.size());
        record(report);
        return report;
    }

    private String check(Target target, byte[] input, long seed) {
        Object result;
        try {
            result = target.run(input);
        } catch (Throwable t) {
            for (Class<? extends Throwable> type : allowed) {
                if (type.isInstance(t)) {
                    return "error " + t.getClass().getSimpleName() + " " + shape(t.getMessage());
                }
            }
            Path saved = save(Path.of("target", "fuzz-findings", name), "crash-", input);
            throw new AssertionError(
                    "fuzz " + name + ": " + t + " for input " + saved.toAbsolutePath() + " (" + preview(input)
                            + "), seed " + seed,
                    t);
        }
        if (result instanceof String signature) {
            return "ok " + signature;
        }
        return result == null ? "null" : "ok " + result.getClass().getSimpleName();
    }

    /** Messages with numbers and quoted values folded and cut, so "offset 12" and "offset 13" are one behaviour. */
    private static String shape(String message) {
        if (message == null) {
            return "";
        }
        String folded = message.replaceAll("\"[^\"]*\"|'[^']*'", "…").replaceAll("\\d+", "#");
        return folded.length() > 32 ? folded.substring(0, 32) : folded;
    }

    private static String preview(byte[] input) {
        String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, 48));
        return input.length + " bytes: " + hex + (input.length > 48 ? "…" : "");
    }

    private List<byte[]> loadCorpus() {
        if (!Files.isDirectory(corpus)) {
            throw new IllegalStateException("fuzz " + name + ": no corpus folder " + corpus.toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(corpus)) {
            List<byte[]> seeds = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                seeds.add(Files.readAllBytes(file));
            }
            if (seeds.isEmpty()) {
                throw new IllegalStateException(
                        "fuzz " + name + ": the corpus " + corpus.toAbsolutePath() + " is empty");
            }
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path save(Path folder, String prefix, byte[] input) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(prefix
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(input), 0, 8));
            Files.write(file, input);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line on stdout and one row in {@code target/fuzz-stats.tsv} (read by {@code ./uketsuke fuzz}). */
    public static void record(FuzzReport report) {
        System.out.println(report.line());
        try {
            Path stats = Path.of("target", "fuzz-stats.tsv");
            Files.createDirectories(stats.getParent());
            Files.writeString(
                    stats,
                    String.format(
                            Locale.ROOT,
                            "%s\t%d\t%d\t%.1f\t%.0f\t%d\t%d\t%s%n",
                            report.target(),
                            report.corpusInputs(),
                            report.mutatedInputs(),
                            report.elapsed().toMillis() / 1000.0,
                            report.inputsPerSecond(),
                            report.behaviours(),
                            report.seed(),
                            Instant.now()),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How much to fuzz: a count, a duration, or both unbounded but one. */
    record Budget(long inputs, Duration duration, boolean fuzzing) {

        static Budget of(String property, int defaultInputs) {
            if (property == null || property.isBlank()) {
                return new Budget(defaultInputs, null, false);
            }
            String value = property.strip().toLowerCase(Locale.ROOT);
            if (value.matches("\\d+")) {
                return new Budget(Long.parseLong(value), null, true);
            }
            if (value.matches("\\d+[smh]")) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                Duration duration = switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
                return new Budget(Long.MAX_VALUE, duration, true);
            }
            throw new IllegalArgumentException(
                    "uketsuke.fuzz must be a count (1000000) or a duration (30s, 5m, 1h): " + property);
        }
    }
}
