package org.uketsuke.folders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.bridge.sink.AtomicFiles;
import org.uketsuke.bridge.sink.FileNameValues;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;

/**
 * One request through the 連携アプリ's folders, as its clinic-side consumers do it (docs/rececon-integration.md,
 * "req/res folders"): the request file appears in {@code req} whole (dot-temp, fsync, rename), the answer is awaited in
 * {@code res} under the request's name with {@code res} for {@code req} ({@code .xml} or {@code .pdf}) or as the
 * request's own name with {@code .err}. An answer is taken only once it parses: one still being written is read again at
 * the next poll. Uketsuke removes what it created and consumed — its request if the 連携アプリ never took it, the answer
 * it read — and, for a request abandoned at its timeout, the late answer when it comes; it never touches other files.
 */
final class FolderCall {

    private static final Logger log = LoggerFactory.getLogger(FolderCall.class);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What came back for one request. */
    sealed interface Answer {
        /** The answer file's bytes ({@code .xml} or {@code .pdf}). */
        record Answered(String fileName, byte[] bytes) implements Answer {}

        /** The 連携アプリ refused the request: the {@code .err}'s text. */
        record Refused(String text) implements Answer {}

        record NotAnswered(Unavailable unavailable) implements Answer {}
    }

    /** Reads an answer's bytes into a value, or says it is not (yet) a whole answer. */
    interface Reader<T> {
        Optional<T> read(String fileName, byte[] bytes);
    }

    private final FolderSettings settings;
    private final Clock clock;
    private final Set<String> abandoned = ConcurrentHashMap.newKeySet();

    FolderCall(FolderSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A fresh request id: time, a per-process sequence and a random part, letters and digits only (the 連携アプリ's
     * naming rule), so two terminals sharing the folders never collide.
     */
    static String newId(String time) {
        return time
                + String.format(Locale.ROOT, "%04d%06x", SEQUENCE.incrementAndGet() % 10_000, RANDOM.nextInt(1 << 24));
    }

    /**
     * Writes {@code <prefix>req_<id>.xml} and waits for its answer.
     *
     * @param prefix the exchange's prefix, e.g. {@code OQSsiquc01}
     */
    <T> Outcome<T> exchange(String prefix, String id, byte[] request, Reader<T> reader) {
        sweepAbandoned();
        String requestName = prefix + "req_" + id + ".xml";
        if (!FileNameValues.isRequestFileName(requestName)) {
            throw new IllegalArgumentException("not a 連携アプリ request name: " + requestName);
        }
        Path requestFile = settings.req().resolve(requestName);
        if (!Files.isDirectory(settings.req()) || !Files.isDirectory(settings.res())) {
            return new Outcome.Failed<>(new Unavailable(
                    UnavailableReason.UNREACHABLE,
                    "the 連携アプリ's req or res folder is missing: " + settings.req() + ", " + settings.res()));
        }
        try {
            AtomicFiles.write(requestFile, request);
        } catch (IOException e) {
            return new Outcome.Failed<>(
                    new Unavailable(UnavailableReason.UNREACHABLE, "cannot write " + requestName + ": " + e));
        }
        String stem = prefix + "res_" + id;
        Path xml = settings.res().resolve(stem + ".xml");
        Path pdf = settings.res().resolve(stem + ".pdf");
        Path err = settings.res().resolve(prefix + "req_" + id + ".err");
        Instant deadline = clock.instant().plus(settings.timeout());
        while (true) {
            for (Path answer : new Path[] {xml, pdf}) {
                Optional<byte[]> bytes = readWhole(answer);
                if (bytes.isPresent()) {
                    Optional<T> value = reader.read(answer.getFileName().toString(), bytes.get());
                    if (value.isPresent()) {
                        delete(answer);
                        return new Outcome.Value<>(value.get());
                    }
                }
            }
            Optional<byte[]> refusal = readWhole(err);
            if (refusal.isPresent()) {
                delete(err);
                return new Outcome.Refused<>(firstLines(refusal.get()));
            }
            if (!clock.instant().isBefore(deadline)) {
                return timedOut(requestFile, prefix, id);
            }
            try {
                Thread.sleep(settings.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return timedOut(requestFile, prefix, id);
            }
        }
    }

    /** What one exchange ended in. */
    sealed interface Outcome<T> {
        record Value<T>(T value) implements Outcome<T> {}

        record Refused<T>(String reason) implements Outcome<T> {}

        record Failed<T>(Unavailable unavailable) implements Outcome<T> {}
    }

    private <T> Outcome<T> timedOut(Path requestFile, String prefix, String id) {
        boolean neverTaken = delete(requestFile);
        if (!neverTaken) {
            abandoned.add(prefix + "res_" + id);
            abandoned.add(prefix + "req_" + id);
        }
        return new Outcome.Failed<>(new Unavailable(
                UnavailableReason.TIMEOUT,
                neverTaken
                        ? "the 連携アプリ did not take " + requestFile.getFileName() + " within " + settings.timeout()
                        : "no answer to " + requestFile.getFileName() + " within " + settings.timeout()));
    }

    /** Late answers to abandoned requests are ours to remove: nobody else waits for them. */
    private void sweepAbandoned() {
        for (String stem : Set.copyOf(abandoned)) {
            boolean any = false;
            for (String ext : new String[] {".xml", ".pdf", ".err"}) {
                any |= delete(settings.res().resolve(stem + ext));
            }
            if (any) {
                abandoned.remove(stem);
            }
        }
    }

    /** The file's bytes, or empty while it is missing, locked or unreadable. Links are not followed. */
    private static Optional<byte[]> readWhole(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not remove {}: {}", file.getFileName(), e.toString());
            return false;
        }
    }

    /** The {@code .err}'s reason for the log and the staff screen: its first lines, printable characters only. */
    private static String firstLines(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 400), StandardCharsets.UTF_8);
        return text.replaceAll("[\\p{Cntrl}&&[^\n]]", "").strip();
    }
}
