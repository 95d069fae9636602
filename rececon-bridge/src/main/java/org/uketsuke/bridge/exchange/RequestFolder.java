package org.uketsuke.bridge.exchange;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.uketsuke.bridge.sink.AtomicFiles;
import org.uketsuke.bridge.sink.FileNameValues;
import org.uketsuke.bridge.sink.PrivateFiles;
import org.uketsuke.eligibility.wire.MalformedMessageException;

/**
 * The mechanics every {@code req}/{@code res} exchange shares: list the waiting requests it answers, read each one
 * bounded (a file over the limit is refused unread), let the exchange answer it, write a {@code .err} when the request
 * breaks the rules, move it to {@code req/done}, and poll. Whatever one file or one pass throws — an OutOfMemoryError
 * included — is caught, logged, kept as the {@link FolderProblem} the staff console shows, and the next file and the
 * next pass run anyway.
 */
final class RequestFolder {

    /** Requests up to this size are read by default; a real one is a few KiB, a 一括照会 of hundreds of patients ~1 MiB. */
    static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

    /** What became of one request. */
    enum Handled {
        ANSWERED,
        REFUSED,
        DEFERRED
    }

    /** A kind of request an exchange answers, known by its file-name prefix ({@code OQSsiquc01req_}). */
    interface RequestKind {
        String requestPrefix();
    }

    /** One exchange's part: how it answers a request of one of its kinds. */
    interface Answerer<K extends RequestKind> {
        /**
         * Answers one request; {@code id} is the file name between the prefix and {@code .xml}. A
         * {@link MalformedMessageException} becomes the request's {@code .err}.
         */
        Handled answer(K kind, String id, byte[] request) throws MalformedMessageException;
    }

    private final Path req;
    private final Path res;
    private final long maxRequestBytes;
    private final Clock clock;
    private final Logger log;
    private volatile FolderProblem lastProblem;
    private volatile ExchangeAudit audit = ExchangeAudit.NONE;
    private ExchangeAudit.Answer answer;

    RequestFolder(Path req, Path res, long maxRequestBytes, Clock clock, Logger log) {
        if (maxRequestBytes < 1 || maxRequestBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("the request size limit is 1 byte to 2 GiB");
        }
        this.req = req;
        this.res = res;
        this.maxRequestBytes = maxRequestBytes;
        this.clock = clock;
        this.log = log;
        try {
            PrivateFiles.createFolders(req.resolve("done"));
            PrivateFiles.createFolders(res);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the req/res folders: " + e.getMessage(), e);
        }
    }

    Path res() {
        return res;
    }

    void audit(ExchangeAudit audit) {
        this.audit = audit;
    }

    Optional<FolderProblem> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    /** Answers every waiting request of the given kinds once. */
    <K extends RequestKind> FolderPass process(List<K> kinds, Answerer<K> answerer) {
        int answered = 0;
        int refused = 0;
        int deferred = 0;
        if (!audit.accepting()) {
            return new FolderPass(
                    0, 0, waiting(name -> kindOf(name, kinds).isPresent()).size());
        }
        for (Path request : waiting(name -> kindOf(name, kinds).isPresent())) {
            answer = null;
            Handled handled;
            try {
                handled = handle(kinds, answerer, request);
            } catch (Throwable e) { // anything, OutOfMemoryError included: the next request is still answered
                problem(request.getFileName().toString(), e);
                handled = Handled.DEFERRED;
            }
            switch (handled) {
                case ANSWERED -> answered++;
                case REFUSED -> refused++;
                case DEFERRED -> deferred++;
            }
        }
        return new FolderPass(answered, refused, deferred);
    }

    private static <K extends RequestKind> Optional<K> kindOf(String fileName, List<K> kinds) {
        return kinds.stream()
                .filter(k -> fileName.startsWith(k.requestPrefix()) && fileName.endsWith(".xml"))
                .findFirst();
    }

    private <K extends RequestKind> Handled handle(List<K> kinds, Answerer<K> answerer, Path request)
            throws IOException {
        String name = request.getFileName().toString();
        K kind = kindOf(name, kinds).orElseThrow();
        if (!FileNameValues.isRequestFileName(name)) {
            // Its name would go into the answer's: nothing is written, the request is set aside for the staff.
            problem(name, new IllegalArgumentException("the request file name breaks the 連携アプリ's naming rules"));
            moveToDone(request);
            return Handled.REFUSED;
        }
        Handled handled;
        byte[] read = null;
        switch (read(request)) {
            case Read.Unreadable _ -> {
                return Handled.DEFERRED; // still being written, or vanished: look again next pass
            }
            case Read.TooLarge(long size) -> {
                refuse(name, Refusal.TOO_LARGE, size + " bytes, at most " + maxRequestBytes);
                handled = Handled.REFUSED;
            }
            case Read.Bytes(byte[] bytes) -> {
                read = bytes;
                try {
                    String id = name.substring(kind.requestPrefix().length(), name.length() - ".xml".length());
                    handled = answerer.answer(kind, id, bytes);
                } catch (MalformedMessageException e) {
                    refuse(name, Refusal.MALFORMED, e.getMessage());
                    handled = Handled.REFUSED;
                }
            }
        }
        if (handled != Handled.DEFERRED) {
            moveToDone(request);
            audit.exchanged(name, read, answer);
        }
        return handled;
    }

    /** Writes an answer into {@code res}, whole or not at all, private to the terminal. */
    void write(String fileName, byte[] bytes) {
        try {
            AtomicFiles.write(res.resolve(FileNameValues.answerFileName(fileName)), bytes);
            answer = new ExchangeAudit.Answer(fileName, bytes, fileName.endsWith(".err"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + fileName + " in " + res + ": " + e, e);
        }
    }

    /** The request's {@code .err} in {@code res}: why, in Japanese and English, and the diagnostic. */
    private void refuse(String requestName, Refusal refusal, String detail) {
        String text =
                "要求を受け付けられません: " + refusal.japanese + "\nrequest refused: " + refusal.english + ": " + detail + "\n";
        write(requestName.replaceFirst("\\.xml$", ".err"), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Why a request got an {@code .err}; the text a レセコン's operator reads. */
    enum Refusal {
        TOO_LARGE("ファイルが大きすぎます", "the file is too large"),
        MALFORMED("要求の内容が規則に合いません", "the request breaks the rules");

        final String japanese;
        final String english;

        Refusal(String japanese, String english) {
            this.japanese = japanese;
            this.english = english;
        }
    }

    private sealed interface Read {
        record Bytes(byte[] bytes) implements Read {}

        record TooLarge(long size) implements Read {}

        record Unreadable() implements Read {}
    }

    /** The size is checked before anything is read: never more than the limit (plus one byte) is held in memory. */
    private Read read(Path request) {
        try (FileChannel in = FileChannel.open(request, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = in.size();
            if (size > maxRequestBytes) {
                return new Read.TooLarge(size);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size + 1);
            while (buffer.hasRemaining() && in.read(buffer) >= 0) {
                // reading on
            }
            if (buffer.position() > size) {
                return new Read.Unreadable(); // still growing: read it whole next pass
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return new Read.Bytes(bytes);
        } catch (IOException e) {
            return new Read.Unreadable();
        }
    }

    /** Regular files only: a link planted in {@code req} is not followed to another file. */
    private List<Path> waiting(Predicate<String> answers) {
        try (Stream<Path> files = Files.list(req)) {
            return files.filter(p -> answers.test(p.getFileName().toString())
                            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + req + ": " + e, e);
        }
    }

    /** The request keeps its personal data in {@code done}: private there, whatever mode the レセコン gave it. */
    private void moveToDone(Path request) {
        try {
            Path done = req.resolve("done").resolve(request.getFileName());
            Files.move(request, done, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            PrivateFiles.restrictFile(done);
        } catch (IOException e) {
            log.warn("could not move {} to done: {}", request.getFileName(), e.toString());
        }
    }

    private void problem(String file, Throwable e) {
        lastProblem = new FolderProblem(clock.instant(), file, e.toString());
        log.warn("{} in {}: {}", file, req, e.toString());
    }

    /**
     * Runs {@code pass} every {@code interval} on a daemon thread named {@code thread} until the handle is closed; a
     * failing pass, whatever it throws, is logged and kept, and the next one runs anyway.
     */
    AutoCloseable every(Duration interval, String thread, Runnable pass) {
        var timer = Executors.newSingleThreadScheduledExecutor(
                runnable -> Thread.ofPlatform().name(thread).daemon().unstarted(runnable));
        // Each pass catches its own failures, so the future carries nothing worth reading; closing stops the timer.
        var _ = timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        pass.run();
                    } catch (Throwable e) { // a thrown pass would end the schedule: polling must survive it
                        problem(thread, e);
                    }
                },
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }
}
