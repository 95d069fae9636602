package org.uketsuke.folders.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.bridge.FaceFolderSink;
import org.uketsuke.bridge.exchange.MedicalFolderExchange;
import org.uketsuke.bridge.exchange.RequestFolderExchange;
import org.uketsuke.bridge.sink.AtomicFiles;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.medical.MedicalInformationClient;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultBytes;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * The folder side of a clinic's 連携アプリ, for the demo and the tests of the folders backend: {@code req} is answered
 * in {@code res} by rececon-bridge's exchanges (which answer exactly as docs/rececon-integration.md describes) over any
 * qualification client — the mock backend's — and the certified reader's results appear in {@code face}. With the
 * real app's quirks when asked: answers that come late, answers written in two pieces in place (not renamed in),
 * result files held under a lock while they are written, and Shift_JIS.
 */
public final class LinkAppSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LinkAppSimulator.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneId.of("Asia/Tokyo"));

    /**
     * How the simulated 連携アプリ misbehaves.
     *
     * @param answerDelay how long an answer waits before it appears in {@code res}
     * @param answersInPieces answers written in place in two pieces, a pause between (a reader sees half a file)
     * @param faceLock how long a result file is held under an exclusive lock while written (zero: written atomically)
     * @param faceCode the character set of result files in {@code face}
     */
    public record Quirks(Duration answerDelay, boolean answersInPieces, Duration faceLock, CharacterCode faceCode) {
        /** A well-behaved 連携アプリ. */
        public static final Quirks NONE = new Quirks(Duration.ZERO, false, Duration.ZERO, CharacterCode.UTF_8);
        /** Every quirk at once: late, half-written answers, locked Shift_JIS result files. */
        public static final Quirks ALL =
                new Quirks(Duration.ofMillis(300), true, Duration.ofMillis(300), CharacterCode.SHIFT_JIS);
    }

    private final Path share;
    private final Path staged;
    private final EligibilityClient backend;
    private final String institutionCode;
    private final Quirks quirks;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final AutoCloseable requests;
    private final AutoCloseable medical;

    /** Starts answering {@code share/req} into {@code share/res} every {@code poll}. */
    public LinkAppSimulator(
            Path share,
            EligibilityClient backend,
            MedicalInformationClient medicalBackend,
            String institutionCode,
            Quirks quirks,
            Duration poll,
            Clock clock)
            throws IOException {
        this.share = share;
        this.staged = share.resolve(".simulator-res");
        this.backend = backend;
        this.institutionCode = institutionCode;
        this.quirks = quirks;
        this.clock = clock;
        Files.createDirectories(share.resolve("face"));
        Files.createDirectories(share.resolve("res"));
        // The exchanges answer into a staging folder; the release below lets each answer appear as the quirks say.
        this.requests =
                new RequestFolderExchange(share.resolve("req"), staged, backend, institutionCode, clock).poll(poll);
        this.medical = new MedicalFolderExchange(share.resolve("req"), staged, medicalBackend, institutionCode, clock)
                .poll(poll);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable ->
                Thread.ofPlatform().name("link-app-simulator").daemon().unstarted(runnable));
        var _ = timer.scheduleWithFixedDelay(this::release, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The answers the exchanges wrote, into {@code res} once old enough: whole, or in two pieces. */
    private void release() {
        List<Path> answers;
        try (Stream<Path> files = Files.list(staged)) {
            answers = files.filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList();
        } catch (IOException e) {
            return; // nothing answered yet
        }
        for (Path answer : answers) {
            try {
                if (Files.getLastModifiedTime(answer)
                        .toInstant()
                        .plus(quirks.answerDelay())
                        .isAfter(clock.instant())) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(answer);
                Path target = share.resolve("res").resolve(answer.getFileName());
                if (quirks.answersInPieces()) {
                    writeInPieces(target, bytes, Duration.ofMillis(60), false);
                } else {
                    AtomicFiles.write(target, bytes);
                }
                Files.delete(answer);
            } catch (IOException | RuntimeException e) {
                log.warn("simulator could not release {}: {}", answer.getFileName(), e.toString());
            }
        }
    }

    /**
     * A patient confirmed at the certified reader: the system's result for this insurance, as a card result (照会区分
     * 1) in {@code face}, in the quirks' character set and under their lock. Returns the file, or null when the system
     * did not confirm.
     */
    public Path confirmAtReader(InsuranceSearch patient) throws IOException {
        if (!(backend.confirmByInsurance(patient) instanceof ConfirmationOutcome.Confirmed confirmed)) {
            return null;
        }
        String time = TIME.format(clock.instant());
        String id = patient.arbitraryIdentifier();
        byte[] result = ResultBytes.in(
                QualificationXml.write(ResultMessage.confirmed(
                        confirmed.processingTime(),
                        institutionCode,
                        id,
                        confirmed.qualification(),
                        confirmed.notice())),
                quirks.faceCode());
        Path target = share.resolve("face")
                .resolve("OQSsiquc01res_face_" + institutionCode + FaceFolderSink.keyDigest("reader-" + id) + "_" + time
                        + ".xml");
        if (quirks.faceLock().isZero()) {
            AtomicFiles.write(target, result);
        } else {
            writeInPieces(target, result, quirks.faceLock(), true);
        }
        return target;
    }

    /** Written in place: half, a pause, the rest — under an exclusive lock when {@code locked}. */
    private static void writeInPieces(Path target, byte[] bytes, Duration pause, boolean locked) throws IOException {
        try (FileChannel out = FileChannel.open(
                        target,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                FileLock lock = locked ? out.lock() : null) {
            out.write(ByteBuffer.wrap(bytes, 0, bytes.length / 2));
            Thread.sleep(pause);
            out.write(ByteBuffer.wrap(bytes, bytes.length / 2, bytes.length - bytes.length / 2));
            out.force(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing " + target.getFileName(), e);
        }
    }

    @Override
    public void close() throws Exception {
        timer.shutdownNow();
        requests.close();
        medical.close();
    }
}
