package org.uketsuke.bridge.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.bridge.AtomicFiles;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;
import org.uketsuke.eligibility.wire.SafeXml;

/**
 * The 連携アプリ's {@code req}/{@code res} folders, as レセコン already use them (shared/facts/eligibility.md): a レセコン
 * drops {@code OQSsiquc01req_<id>.xml} (confirmation by insurance number) into {@code req}; Uketsuke asks the
 * qualification system and writes {@code OQSsiquc01res_<id>.xml} into {@code res}, echoing ArbitraryFileIdentifier and
 * the request's character code. A request that breaks the rules gets the same name with {@code .err} in {@code res}.
 * Answered requests move to {@code req/done}; a request the backend could not be asked for stays for the next pass,
 * so nothing is lost. Answers are written through {@link AtomicFiles}.
 */
public final class RequestFolderExchange {

    private static final Logger log = LoggerFactory.getLogger(RequestFolderExchange.class);
    private static final String REQUEST_PREFIX = "OQSsiquc01req_";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneId.of("Asia/Tokyo"));

    private final Path req;
    private final Path res;
    private final EligibilityClient backend;
    private final String institutionCode;
    private final Clock clock;

    public RequestFolderExchange(Path req, Path res, EligibilityClient backend, String institutionCode, Clock clock) {
        this.req = req;
        this.res = res;
        this.backend = backend;
        this.institutionCode = institutionCode;
        this.clock = clock;
        try {
            Files.createDirectories(req.resolve("done"));
            Files.createDirectories(res);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the req/res folders", e);
        }
    }

    /** Polls {@code req} every {@code interval} on a daemon thread until the returned handle is closed. */
    public AutoCloseable poll(java.time.Duration interval) {
        var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                runnable -> Thread.ofPlatform().name("rececon-req-folder").daemon().unstarted(runnable));
        timer.scheduleWithFixedDelay(() -> {
            try {
                processPending();
            } catch (RuntimeException e) {
                log.warn("req folder pass failed: {}", e.toString());
            }
        }, 0, interval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    /** The outcome of one pass over {@code req}. */
    public record Pass(int answered, int refused, int deferred) {}

    /** Answers every waiting request once. */
    public Pass processPending() {
        int answered = 0;
        int refused = 0;
        int deferred = 0;
        for (Path request : waiting()) {
            String id = request.getFileName().toString().substring(REQUEST_PREFIX.length()).replaceFirst("\\.xml$", "");
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(request);
            } catch (IOException e) {
                deferred++; // still being written, or vanished: look again next pass
                continue;
            }
            try {
                Request parsedRequest = parse(bytes);
                QualificationXml.SearchRequest parsed = parsedRequest.search();
                CharacterCode code = parsedRequest.characterCode();
                InsuranceSearch search = parsed.search();
                ConfirmationOutcome outcome = backend.confirmByInsurance(search);
                String now = TIME.format(clock.instant());
                ResultMessage answer = switch (outcome) {
                    case ConfirmationOutcome.Confirmed c -> ResultMessage.confirmed(c.processingTime(), institutionCode,
                            parsed.arbitraryFileIdentifier(), c.qualification(), c.notice());
                    case ConfirmationOutcome.Rejected r -> ResultMessage.rejected(now, institutionCode,
                            parsed.arbitraryFileIdentifier(), r.reason(), r.message());
                    case ConfirmationOutcome.Unavailable u -> null;
                };
                if (answer == null) {
                    log.warn("request {} deferred: the qualification system is unavailable", id);
                    deferred++;
                    continue;
                }
                write(res.resolve("OQSsiquc01res_" + id + ".xml"),
                        QualificationXml.write(answer.withReferenceClassification("2").withCharacterCode(code)));
                answered++;
            } catch (MalformedMessageException e) {
                write(res.resolve(REQUEST_PREFIX + id + ".err"),
                        ("request refused: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                refused++;
            }
            moveToDone(request);
        }
        return new Pass(answered, refused, deferred);
    }

    /** A request file's content: the search with its header fields, and the character code to answer in. */
    record Request(QualificationXml.SearchRequest search, CharacterCode characterCode) {}

    /** Parses one request file; bad content of any kind is a {@link MalformedMessageException} (fuzzed). */
    static Request parse(byte[] bytes) throws MalformedMessageException {
        QualificationXml.SearchRequest search = QualificationXml.parseSearch(bytes);
        CharacterCode code = CharacterCode.ofIdentifier(
                SafeXml.text(SafeXml.parse(bytes), "CharacterCodeIdentifier").orElse("0"));
        return new Request(search, code);
    }

    private List<Path> waiting() {
        try (Stream<Path> files = Files.list(req)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(REQUEST_PREFIX) && name.endsWith(".xml") && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + req, e);
        }
    }

    private void moveToDone(Path request) {
        try {
            Files.move(request, req.resolve("done").resolve(request.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("could not move {} to done: {}", request.getFileName(), e.toString());
        }
    }

    private static void write(Path target, byte[] bytes) {
        try {
            AtomicFiles.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
