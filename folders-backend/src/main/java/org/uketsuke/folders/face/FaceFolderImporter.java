package org.uketsuke.folders.face;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.bridge.Confirmation;
import org.uketsuke.bridge.FaceFolderSink;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.sink.AtomicFiles;
import org.uketsuke.bridge.sink.PrivateFiles;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultBytes;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * Turns the results the clinic's certified reader leaves in the 連携アプリ's {@code face} folder into confirmations
 * (docs/decisions/0012-folders-backend.md). Each pass lists the folder and takes a result file only once it has sat
 * unchanged (size and time) since the previous pass and for the settle time, and only while nobody holds a lock on it:
 * a file still being written or held by the 連携アプリ waits. Its bytes are parsed (the declaration names UTF-8 or
 * Shift_JIS); each result it lists (one patient's, or several patients') becomes its own confirmation, handed to the
 * outbox under an idempotency key derived from the file and the result's place in it — so a crash after the hand-off, a
 * restart or the same file twice never makes a second confirmation — and the file is remembered in the
 * {@link ImportLedger}. 医療扶助 results are confirmations like any other (the codec reads their 公費負担者番号 and
 * 受給者番号 as the card); a qualification listed as ended before the day is history, not a confirmation. A file that is
 * no result message is copied aside with its reason and an alert is raised; the folder going away is an alert, and the
 * passes go on until it is back, which is said too. Files are only read: moved (imported ones to {@code archive},
 * broken ones aside) only when the clinic configured archiving.
 */
public final class FaceFolderImporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaceFolderImporter.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    /** A result message is a few KiB; anything this large is no result file. */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    /**
     * @param face the 連携アプリ's {@code face} folder
     * @param ledger the importer's memory (SQLite) in the terminal's data folder
     * @param setAside where unreadable files are copied (or moved, when archiving) with a {@code .reason.txt}
     * @param archive where imported files are moved; null leaves the 連携アプリ's files where they are
     * @param settle how long a file must be unchanged before it is read
     */
    public record Settings(Path face, Path ledger, Path setAside, Path archive, Duration settle) {}

    /**
     * Counts of one pass.
     *
     * @param imported confirmations made (a file with several results makes several)
     * @param notConfirmed files confirming nothing (an error answer, no qualification, only ended ones)
     */
    public record Pass(int imported, int notConfirmed, int duplicates, int setAside, int waiting) {}

    /** A result turned into a confirmation, for the staff console's reception list (one per result of a file). */
    public record Imported(String fileName, Confirmation confirmation, PatientMatch match) {}

    /** Something staff must look at. */
    public record Alert(Instant at, Kind kind, String fileName, String detail) {
        /** What the alert is about. */
        public enum Kind {
            /** A file in {@code face} that is no result message: copied aside with the reason. */
            SET_ASIDE,
            /** The {@code face} folder cannot be listed (the share went away): imports wait until it is back. */
            FOLDER_UNREACHABLE,
            /**
             * The {@code face} folder can be listed again after {@link #FOLDER_UNREACHABLE}: the {@code detail} is how
             * many result files it holds that this importer has not looked at yet — being imported from now on.
             */
            FOLDER_BACK
        }
    }

    private record Stamp(long size, Instant modified) {}

    private final Settings settings;
    private final RececonBridge bridge;
    private final PatientDirectory patients;
    private final Clock clock;
    private final ImportLedger ledger;
    private final Map<String, Stamp> lastSeen = new HashMap<>();
    private final Map<String, Stamp> done = new HashMap<>();
    private final List<Consumer<Imported>> listeners = new CopyOnWriteArrayList<>();
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final List<Consumer<Alert>> alertListeners = new CopyOnWriteArrayList<>();
    private boolean unreachable;
    private int confirmationsThisPass;

    public FaceFolderImporter(Settings settings, RececonBridge bridge, PatientDirectory patients, Clock clock) {
        this.settings = settings;
        this.bridge = bridge;
        this.patients = patients;
        this.clock = clock;
        this.ledger = ImportLedger.open(settings.ledger());
    }

    public void onImported(Consumer<Imported> listener) {
        listeners.add(listener);
    }

    /** Each new alert as it is raised (on the importing thread). */
    public void onAlert(Consumer<Alert> listener) {
        alertListeners.add(listener);
    }

    /** Alerts so far, oldest first (the staff console shows them; a folder back again is one too). */
    public List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    /** Runs {@link #pass()} every {@code interval} on a daemon thread until the handle is closed; a failing pass is logged. */
    public AutoCloseable poll(Duration interval) {
        var timer = Executors.newSingleThreadScheduledExecutor(runnable ->
                Thread.ofPlatform().name("face-folder-import").daemon().unstarted(runnable));
        var _ = timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        pass();
                    } catch (RuntimeException e) { // the schedule must survive one bad pass
                        log.warn("face folder pass failed: {}", e.toString());
                    }
                },
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    /** Looks at every file in {@code face} once. */
    public synchronized Pass pass() {
        List<Path> files;
        try (Stream<Path> listing = Files.list(settings.face())) {
            files = listing.filter(p -> isResultName(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException | RuntimeException e) {
            unreachable = true;
            alert(Alert.Kind.FOLDER_UNREACHABLE, "", e.toString());
            return new Pass(0, 0, 0, 0, 0);
        }
        if (unreachable) {
            unreachable = false;
            long arrived = files.stream()
                    .filter(f -> !done.containsKey(f.getFileName().toString()))
                    .count();
            alert(Alert.Kind.FOLDER_BACK, "", Long.toString(arrived));
        }
        confirmationsThisPass = 0;
        int[] counts = new int[Handled.values().length];
        for (Path file : files) {
            Handled handled;
            try {
                handled = handle(file);
            } catch (RuntimeException e) { // one file's trouble (ledger, outbox) must not stop the others
                log.warn("{}: {}", file.getFileName(), e.toString());
                handled = Handled.WAITING;
            }
            counts[handled.ordinal()]++;
        }
        return new Pass(confirmationsThisPass, counts[1], counts[2], counts[3], counts[4]);
    }

    private enum Handled {
        IMPORTED,
        NOT_CONFIRMED,
        DUPLICATE,
        SET_ASIDE,
        WAITING,
        KNOWN
    }

    /** Result files only; names starting with a dot are writers' temporary files. */
    static boolean isResultName(String name) {
        return name.startsWith("OQSsiquc01res_") && name.endsWith(".xml");
    }

    private Handled handle(Path file) {
        String name = file.getFileName().toString();
        Optional<Stamp> stamp = stamp(file);
        if (stamp.isEmpty()) {
            return Handled.WAITING;
        }
        if (stamp.get().equals(done.get(name))) {
            return Handled.KNOWN;
        }
        Stamp before = lastSeen.put(name, stamp.get());
        if (!stamp.get().equals(before)
                || stamp.get().modified().plus(settings.settle()).isAfter(clock.instant())) {
            return Handled.WAITING; // still changing, or too fresh: look again next pass
        }
        Optional<byte[]> read = readUnlocked(file);
        if (read.isEmpty()) {
            return Handled.WAITING; // locked by its writer, or gone
        }
        byte[] bytes = read.get();
        String sha = sha256(bytes);
        Optional<ImportLedger.Line> known = ledger.find(sha);
        Handled handled;
        if (known.isPresent()) {
            handled = known.get().fileName().equals(name) ? Handled.KNOWN : Handled.DUPLICATE;
            if (handled == Handled.DUPLICATE) {
                log.info(
                        "{} holds the same result as {}: not imported again",
                        name,
                        known.get().fileName());
            }
            if (known.get().state() == ImportLedger.State.IMPORTED) {
                archive(file);
            }
        } else {
            handled = importNew(file, name, sha, bytes);
        }
        done.put(name, stamp.get());
        lastSeen.remove(name);
        return handled;
    }

    private Handled importNew(Path file, String name, String sha, byte[] bytes) {
        if (bytes.length > MAX_FILE_BYTES) {
            return setAside(file, name, sha, bytes, "larger than " + MAX_FILE_BYTES + " bytes");
        }
        ResultMessage message;
        List<Imported> made;
        try {
            message = QualificationXml.parseResult(bytes);
            ConfirmationOutcome outcome = message.toOutcome();
            if (!(outcome instanceof ConfirmationOutcome.Confirmed)) {
                ledger.record(
                        new ImportLedger.Line(sha, name, ImportLedger.State.NOT_CONFIRMED, null, outcome.toString()),
                        clock.instant());
                return Handled.NOT_CONFIRMED;
            }
            made = confirmations(name, sha, bytes, message);
        } catch (MalformedMessageException | RuntimeException e) {
            return setAside(file, name, sha, bytes, String.valueOf(e.getMessage()));
        }
        if (made.isEmpty()) {
            ledger.record(
                    new ImportLedger.Line(
                            sha, name, ImportLedger.State.NOT_CONFIRMED, null, "only ended qualifications"),
                    clock.instant());
            return Handled.NOT_CONFIRMED;
        }
        // The outbox first: if the process dies before the ledger line, the next pass submits the same keys again and
        // the outbox ignores them.
        made.forEach(i -> bridge.submit(i.confirmation()));
        ledger.record(
                new ImportLedger.Line(
                        sha,
                        name,
                        ImportLedger.State.IMPORTED,
                        made.getFirst().confirmation().idempotencyKey(),
                        null),
                clock.instant());
        archive(file);
        confirmationsThisPass += made.size();
        made.forEach(i -> listeners.forEach(l -> l.accept(i)));
        return Handled.IMPORTED;
    }

    /**
     * One confirmation per current result of the file, each carrying the file's bytes with that result alone (the
     * outbox and the stores keep what the 連携アプリ wrote, and each delivery reads its own result back from them). All
     * are matched before any is handed off: once delivered, the store holds this very insurance.
     */
    private List<Imported> confirmations(String name, String sha, byte[] bytes, ResultMessage message)
            throws MalformedMessageException {
        List<byte[]> each = ResultBytes.eachResult(bytes);
        if (each.size() != message.qualifications().size()) {
            throw new MalformedMessageException(
                    message.qualifications().size() + " results, but " + each.size() + " could be told apart");
        }
        String key = idempotencyKey(name, message.arbitraryFileIdentifier(), sha);
        IdentityMethod method = method(message.referenceClassification());
        Instant at = confirmedAt(message);
        LocalDate day = at.atZone(JAPAN).toLocalDate();
        List<Imported> made = new ArrayList<>();
        for (int entry = 0; entry < each.size(); entry++) {
            if (!(QualificationXml.outcomeOf(each.get(entry)) instanceof ConfirmationOutcome.Confirmed confirmed)) {
                throw new MalformedMessageException("result " + (entry + 1) + " alone confirms nothing");
            }
            if (ended(confirmed.qualification(), day)) {
                log.info("{}: result {} is a qualification that has ended, not a confirmation", name, entry + 1);
                continue;
            }
            String entryKey = entryKey(key, entry);
            made.add(new Imported(
                    name,
                    new Confirmation(entryKey, at, method, confirmed),
                    patients.match(confirmed.qualification(), entryKey)));
        }
        return made;
    }

    /**
     * A qualification whose 資格喪失日 is on or before the day of the confirmation: listed beside the current one (a
     * change of insurance), not something the patient holds today.
     */
    static boolean ended(Qualification qualification, LocalDate day) {
        LocalDate lost = qualification.particulars().disqualificationDate();
        return lost != null && !lost.isAfter(day);
    }

    /**
     * The key of a file's {@code entry}-th result (from 0): the file's key for the first, so a file with one result — and
     * the first result of any file imported before files were split — keeps the key it always had; {@code -2},
     * {@code -3}, … after it for the others. The file's bytes are fixed, so the place of a result in it is stable.
     */
    static String entryKey(String fileKey, int entry) {
        return entry == 0 ? fileKey : fileKey + "-" + (entry + 1);
    }

    /**
     * 照会区分 1 (or none) is the card at the certified reader; 2 is a 資格確認書's numbers, and clinic-side programs
     * put their batch results in {@code face} under their own values (OQSDrug2: A 医療扶助, B 訪問診療, C オンライン診療 —
     * docs/spec-notes/face-files.md#public-samples): no card at a reader either.
     */
    static IdentityMethod method(String referenceClassification) {
        return referenceClassification == null
                        || referenceClassification.isBlank()
                        || "1".equals(referenceClassification)
                ? IdentityMethod.CERTIFIED_READER
                : IdentityMethod.INSURANCE_NUMBER;
    }

    /**
     * A file Uketsuke's own face sink wrote carries the digest of its confirmation's key (the message's
     * ArbitraryFileIdentifier) in its name: it keeps that key, so it meets its own outbox entry instead of becoming a
     * second one. Any other file is keyed by its content.
     */
    static String idempotencyKey(String fileName, String arbitraryFileIdentifier, String sha256) {
        if (arbitraryFileIdentifier != null
                && !arbitraryFileIdentifier.isBlank()
                && fileName.matches("OQSsiquc01res_(face_)?\\d{10}[0-9a-f]{20}_\\d{14}\\.xml")
                && FaceFolderSink.keyDigestOf(fileName).equals(FaceFolderSink.keyDigest(arbitraryFileIdentifier))) {
            return arbitraryFileIdentifier;
        }
        return "face-" + sha256.substring(0, 40);
    }

    private Instant confirmedAt(ResultMessage message) {
        try {
            return LocalDateTime.parse(message.processExecutionTime(), TIME)
                    .atZone(JAPAN)
                    .toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            return clock.instant();
        }
    }

    private Handled setAside(Path file, String name, String sha, byte[] bytes, String reason) {
        try {
            PrivateFiles.createFolders(settings.setAside());
            Path target = settings.setAside().resolve(name);
            if (settings.archive() != null) {
                Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                AtomicFiles.write(target, bytes);
            }
            AtomicFiles.write(
                    settings.setAside().resolve(name + ".reason.txt"),
                    ("結果ファイルとして読めません / not a result message: " + reason + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn("could not set {} aside: {}", name, e.toString());
        }
        ledger.record(new ImportLedger.Line(sha, name, ImportLedger.State.SET_ASIDE, null, reason), clock.instant());
        alert(Alert.Kind.SET_ASIDE, name, reason);
        return Handled.SET_ASIDE;
    }

    private void archive(Path file) {
        if (settings.archive() == null) {
            return;
        }
        try {
            Files.createDirectories(settings.archive());
            Files.move(file, settings.archive().resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("could not archive {}: {}", file.getFileName(), e.toString());
        }
    }

    private void alert(Alert.Kind kind, String fileName, String detail) {
        Alert last = alerts.isEmpty() ? null : alerts.getLast();
        if (last != null && last.kind() == kind && last.fileName().equals(fileName)) {
            return; // the same standing problem: one alert, not one per pass
        }
        Alert alert = new Alert(clock.instant(), kind, fileName, detail);
        alerts.add(alert);
        alertListeners.forEach(l -> l.accept(alert));
        log.warn("face folder {}: {} {}", kind, fileName, detail);
    }

    private static Optional<Stamp> stamp(Path file) {
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile()
                    ? Optional.of(new Stamp(
                            attributes.size(), attributes.lastModifiedTime().toInstant()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The whole file under a shared lock, or empty while a writer holds it (or it is gone). */
    private static Optional<byte[]> readUnlocked(Path file) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock;
            try {
                lock = in.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                return Optional.empty();
            }
            if (lock == null) {
                return Optional.empty();
            }
            try (lock) {
                long size = Math.min(in.size(), MAX_FILE_BYTES + 1);
                ByteBuffer buffer = ByteBuffer.allocate((int) size);
                while (buffer.hasRemaining() && in.read(buffer) >= 0) {
                    // reading on
                }
                byte[] bytes = new byte[buffer.position()];
                buffer.flip().get(bytes);
                return Optional.of(bytes);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        ledger.close();
    }
}
