package org.uketsuke.bridge.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.uketsuke.bridge.sink.AtomicFiles;
import org.uketsuke.bridge.sink.PrivateFiles;

/**
 * An append-only log of confirmation events that cannot be cut, extended or edited without the terminal's key: JSON
 * lines, each entry carrying its sequence number, the MAC of the entry before it and its own HMAC-SHA256 over the
 * previous MAC and its canonical encoding ({@link AuditKey}, {@code <file>.key}). Every append is fsync'd; a head
 * file ({@code <file>.head}: last sequence number, last MAC and a MAC over both) makes truncation detectable, which
 * a chain alone cannot show — and since the head carries its own MAC, copying a line's MAC into it does not help.
 *
 * <p>Opening a log that does not exist creates its key and writes a first entry ({@code LOG_STARTED}), so a log in
 * use is never empty: a deleted log (and head) beside its key is {@link AuditVerification.Reason#DELETED}. A torn
 * last line (a crash during an append) and a head one entry behind (a crash between the two fsyncs) are typed and
 * repaired by {@link #open} with an entry recording it — never silently. A broken chain is never appended to.
 *
 * <p>What this does not stop: someone who can read the key (the terminal's own user) rewriting the whole log, or
 * deleting log, head and key together. The daily anchors sent off the machine ({@link AuditAnchors}) and the
 * outbox beside the log bound that; docs/decisions/0006-audit-log-key.md says what remains.
 */
public final class AuditLog {

    /** The {@code prev} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** The outcome of the first entry of every log. */
    public static final String STARTED = "LOG_STARTED";

    /** The method of the first entry of a log that replaced an earlier version's unkeyed log. */
    public static final String MIGRATED_UNKEYED = "MIGRATED_UNKEYED";

    /** The terminal id under which the log records its own events (start, recovery). */
    public static final String SELF = "audit-log";

    private static final Pattern LINE = Pattern.compile("\\{\"seq\":(0|[1-9][0-9]{0,17}),\"at\":\"([^\"]*)\","
            + "\"terminal\":\"([^\"]*)\",\"staff\":\"([^\"]*)\",\"method\":\"([^\"]*)\",\"outcome\":\"([^\"]*)\","
            + "\"subject\":\"([^\"]*)\",\"card\":\"([^\"]*)\",\"ref\":\"([^\"]*)\","
            + "\"prev\":\"([0-9a-f]{64})\",\"mac\":\"([0-9a-f]{64})\"\\}");

    private final Path file;
    private final Path head;
    private final AuditKey key;
    private long seq;
    private String last;

    private AuditLog(Path file, AuditKey key, long seq, String last) {
        this.file = file;
        this.head = headOf(file);
        this.key = key;
        this.seq = seq;
        this.last = last;
    }

    /** One appended entry: its number and its MAC (the new head). */
    public record Entry(long seq, String mac) {}

    /** One verified line as the daily report and the anchors read it. */
    public record Line(long seq, AuditEvent event, String mac) {}

    public static AuditLog open(Path file) throws AuditLogException {
        return open(file, Clock.systemUTC());
    }

    /**
     * Opens the log after verifying it, or starts one where there is none (key, then the first entry). A torn tail
     * or a head one behind is repaired and recorded; a broken chain throws.
     */
    public static AuditLog open(Path file, Clock clock) throws AuditLogException {
        AuditVerification verification = verify(file);
        try {
            return switch (verification) {
                case AuditVerification.Intact intact ->
                    new AuditLog(file, existingKey(file), intact.entries(), intact.headMac());
                case AuditVerification.Absent _ -> start(file, clock);
                case AuditVerification.Unkeyed unkeyed -> migrate(file, clock, unkeyed);
                case AuditVerification.IncompleteTail torn -> recover(file, clock, torn);
                case AuditVerification.HeadBehind behind -> {
                    List<Line> lines = read(file);
                    AuditLog log = new AuditLog(
                            file,
                            existingKey(file),
                            behind.entries(),
                            lines.getLast().mac());
                    log.writeHead();
                    log.append(selfEvent(clock, "RECOVERED_HEAD", ""));
                    yield log;
                }
                case AuditVerification.Broken broken ->
                    throw new AuditLogException(
                            "the audit log " + file + " is broken at entry " + broken.entry() + ": " + broken.reason()
                                    + " (" + broken.detail() + ")",
                            broken,
                            null);
            };
        } catch (IOException e) {
            throw new AuditLogException("could not open the audit log " + file + ": " + e.getMessage(), null, e);
        }
    }

    /** Appends one event durably (fsync of the log, then the head); returns the new entry. */
    public synchronized Entry append(AuditEvent event) throws AuditLogException {
        long n = seq + 1;
        String body = body(n, event, last);
        String mac = key.mac(last.getBytes(StandardCharsets.US_ASCII), body.getBytes(StandardCharsets.UTF_8));
        byte[] line = (withMac(body, mac) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            boolean created = Files.notExists(file);
            try (FileChannel channel = FileChannel.open(
                    file,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                    PrivateFiles.fileAttributes())) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (created) {
                syncDirectory(file.toAbsolutePath().getParent());
            }
            seq = n;
            last = mac;
            writeHead();
        } catch (IOException e) {
            throw new AuditLogException("could not append to the audit log " + file + ": " + e.getMessage(), null, e);
        }
        return new Entry(n, mac);
    }

    /** The number of entries and the head MAC as of the last append. */
    public synchronized Entry head() {
        return new Entry(seq, last);
    }

    public Path file() {
        return file;
    }

    /** Recomputes the whole chain of {@code file} under its key and checks it against the head file. */
    public static AuditVerification verify(Path file) {
        Optional<AuditKey> key;
        try {
            key = AuditKey.read(AuditKey.fileOf(file));
        } catch (IOException e) {
            return new AuditVerification.Broken(0, AuditVerification.Reason.KEY_MISSING, e.getMessage());
        }
        boolean logThere = Files.exists(file);
        boolean headThere = Files.exists(headOf(file));
        if (key.isEmpty()) {
            if (!logThere && !headThere) {
                return new AuditVerification.Absent();
            }
            // Only a log in the earlier unkeyed form, with no anchor receipts (which came with the key), is an upgrade.
            Optional<AuditVerification> unkeyed = logThere && !Files.exists(AuditAnchors.receiptsOf(file))
                    ? UnkeyedAuditLog.inspect(file)
                    : Optional.empty();
            return unkeyed.orElseGet(() -> new AuditVerification.Broken(
                    0, AuditVerification.Reason.KEY_MISSING, "the log's key " + AuditKey.fileOf(file) + " is gone"));
        }
        if (!logThere) {
            return new AuditVerification.Broken(
                    1, AuditVerification.Reason.DELETED, "the key exists but the log is gone");
        }
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            return new AuditVerification.Broken(
                    0, AuditVerification.Reason.NOT_CANONICAL, "unreadable: " + e.getMessage());
        }
        int complete = lastNewline(all) + 1;
        List<String> lines = lines(all, complete);
        List<String> macs = new ArrayList<>();
        String prev = GENESIS;
        for (String line : lines) {
            AuditVerification.Broken broken = check(key.get(), macs.size() + 1, line, prev);
            if (broken != null) {
                return broken;
            }
            prev = line.substring(line.length() - 66, line.length() - 2);
            macs.add(prev);
        }
        long entries = macs.size();
        int tail = all.length - complete;
        Head saved;
        try {
            saved = readHead(file, key.get());
        } catch (IOException e) {
            return new AuditVerification.Broken(entries, AuditVerification.Reason.HEAD_MISMATCH, e.getMessage());
        }
        if (saved == null) {
            // Only a crash during the very first append leaves a log without a head.
            if (entries == 0 && tail > 0) {
                return new AuditVerification.IncompleteTail(0, tail);
            }
            if (entries == 1 && tail == 0 && lines.getFirst().contains("\"outcome\":\"" + STARTED + "\"")) {
                return new AuditVerification.HeadBehind(1);
            }
            return new AuditVerification.Broken(
                    entries, AuditVerification.Reason.HEAD_MISSING, "the head file " + headOf(file) + " is gone");
        }
        if (entries < saved.seq()) {
            return new AuditVerification.Broken(
                    entries + 1,
                    AuditVerification.Reason.TRUNCATED,
                    "the head records " + saved.seq() + " entries, the log holds " + entries);
        }
        String atHead = saved.seq() == 0 ? GENESIS : macs.get((int) saved.seq() - 1);
        if (!atHead.equals(saved.mac())) {
            return new AuditVerification.Broken(
                    saved.seq(),
                    AuditVerification.Reason.HEAD_MISMATCH,
                    "entry " + saved.seq() + " is not the one the head recorded");
        }
        if (entries == saved.seq() + 1 && tail == 0) {
            return new AuditVerification.HeadBehind(entries);
        }
        if (entries > saved.seq()) {
            return new AuditVerification.Broken(
                    saved.seq() + 1,
                    AuditVerification.Reason.HEAD_MISMATCH,
                    "entries after the saved head " + saved.seq());
        }
        return tail > 0
                ? new AuditVerification.IncompleteTail(entries, tail)
                : new AuditVerification.Intact(entries, prev);
    }

    /** The complete lines of a log as written; call after {@link #verify} found it intact. */
    public static List<Line> read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<Line> read = new ArrayList<>();
        for (String line : lines(all, lastNewline(all) + 1)) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IOException("entry " + (read.size() + 1) + " is not an entry line");
            }
            read.add(new Line(Long.parseLong(m.group(1)), event(m), m.group(11)));
        }
        return read;
    }

    // ---- encoding -------------------------------------------------------------------------------------------------

    /** The canonical encoding without the MAC: fixed field order, no spaces, no escapes (the fields cannot need any). */
    static String body(long seq, AuditEvent e, String prev) {
        return "{\"seq\":" + seq + ",\"at\":\"" + e.at() + "\",\"terminal\":\"" + e.terminalId() + "\",\"staff\":\""
                + e.staffId() + "\",\"method\":\"" + e.method() + "\",\"outcome\":\"" + e.outcome()
                + "\",\"subject\":\""
                + e.subjectHash() + "\",\"card\":\"" + e.cardHash() + "\",\"ref\":\"" + e.ref() + "\",\"prev\":\""
                + prev + "\"}";
    }

    private static String withMac(String body, String mac) {
        return body.substring(0, body.length() - 1) + ",\"mac\":\"" + mac + "\"}";
    }

    static List<String> lines(byte[] all, int complete) {
        String text = new String(all, 0, complete, StandardCharsets.UTF_8);
        return complete == 0
                ? List.of()
                : List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    private static AuditEvent event(Matcher m) {
        return event(m, m.group(9));
    }

    /** The event of a matched entry line; groups 2 to 8 are the same in the keyed and the earlier unkeyed form. */
    static AuditEvent event(Matcher m, String ref) {
        return new AuditEvent(
                Instant.parse(m.group(2)), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7), m.group(8), ref);
    }

    private static AuditVerification.Broken check(AuditKey key, long entry, String line, String prev) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return new AuditVerification.Broken(entry, AuditVerification.Reason.NOT_CANONICAL, "not an entry line");
        }
        AuditEvent event;
        try {
            event = event(m);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new AuditVerification.Broken(entry, AuditVerification.Reason.NOT_CANONICAL, e.getMessage());
        }
        long seq = Long.parseLong(m.group(1));
        String body = body(seq, event, m.group(10));
        if (!withMac(body, m.group(11)).equals(line)) {
            return new AuditVerification.Broken(entry, AuditVerification.Reason.NOT_CANONICAL, "not in canonical form");
        }
        if (seq != entry) {
            return new AuditVerification.Broken(
                    entry, AuditVerification.Reason.SEQUENCE_GAP, "entry " + entry + " carries number " + seq);
        }
        String mac = key.mac(m.group(10).getBytes(StandardCharsets.US_ASCII), body.getBytes(StandardCharsets.UTF_8));
        if (!mac.equals(m.group(11))) {
            return new AuditVerification.Broken(
                    entry, AuditVerification.Reason.HASH_MISMATCH, "the MAC does not verify under this log's key");
        }
        if (!m.group(10).equals(prev)) {
            return new AuditVerification.Broken(
                    entry, AuditVerification.Reason.CHAIN_BROKEN, "prev is not the MAC of entry " + (entry - 1));
        }
        return null;
    }

    // ---- files ----------------------------------------------------------------------------------------------------

    private record Head(long seq, String mac) {}

    private static Path headOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".head");
    }

    private static String headTag(AuditKey key, long seq, String mac) {
        return key.mac(("head " + seq + " " + mac).getBytes(StandardCharsets.US_ASCII));
    }

    private void writeHead() throws IOException {
        AtomicFiles.write(
                head, (seq + " " + last + " " + headTag(key, seq, last) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The saved head; null when there is none; throws when it is unreadable or its MAC does not verify. */
    private static Head readHead(Path file, AuditKey key) throws IOException {
        String text;
        try {
            text = Files.readString(headOf(file), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!text.matches("(0|[1-9][0-9]{0,17}) [0-9a-f]{64} [0-9a-f]{64}\n")) {
            throw new IOException("the head file is not a head");
        }
        String[] parts = text.strip().split(" ");
        long seq = Long.parseLong(parts[0]);
        if (!headTag(key, seq, parts[1]).equals(parts[2])) {
            throw new IOException("the head file's MAC does not verify (written without the key)");
        }
        return new Head(seq, parts[1]);
    }

    private static AuditKey existingKey(Path file) throws IOException {
        return AuditKey.read(AuditKey.fileOf(file))
                .orElseThrow(() -> new NoSuchFileException(AuditKey.fileOf(file).toString()));
    }

    private static AuditEvent selfEvent(Clock clock, String outcome, String subjectHash) {
        return new AuditEvent(clock.instant(), SELF, "", "NONE", outcome, subjectHash, "");
    }

    private static AuditLog start(Path file, Clock clock) throws IOException, AuditLogException {
        return startWith(file, selfEvent(clock, STARTED, ""));
    }

    private static AuditLog startWith(Path file, AuditEvent first) throws IOException, AuditLogException {
        AuditKey key = AuditKey.create(AuditKey.fileOf(file));
        AuditLog log = new AuditLog(file, key, 0, GENESIS);
        log.append(first);
        return log;
    }

    /**
     * The one-time upgrade from an earlier version's unkeyed log: the log and its head are kept aside whole and
     * read-only ({@code <file>.unkeyed-<epoch second>}), and a keyed log starts whose first entry ({@code LOG_STARTED}
     * by {@link #MIGRATED_UNKEYED}) carries the kept log's SHA-256 and name. A crash between the move and that entry
     * leaves no log beside a non-empty outbox, which the terminal alarms on — never a silent gap.
     */
    private static AuditLog migrate(Path file, Clock clock, AuditVerification.Unkeyed unkeyed)
            throws IOException, AuditLogException {
        Path aside = file.resolveSibling(
                file.getFileName() + ".unkeyed-" + clock.instant().getEpochSecond());
        keepReadOnly(headOf(file), headOf(aside));
        keepReadOnly(file, aside);
        return startWith(
                file,
                new AuditEvent(
                        clock.instant(),
                        SELF,
                        "",
                        MIGRATED_UNKEYED,
                        STARTED,
                        unkeyed.digest(),
                        "",
                        AuditEvent.ref(aside.getFileName().toString())));
    }

    private static void keepReadOnly(Path from, Path to) throws IOException {
        if (Files.notExists(from)) {
            return;
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        if (Files.getFileStore(to).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("r--------"));
        } else if (!to.toFile().setReadOnly()) {
            throw new IOException("could not make " + to + " read-only");
        }
    }

    static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static AuditLog recover(Path file, Clock clock, AuditVerification.IncompleteTail torn)
            throws IOException, AuditLogException {
        byte[] all = Files.readAllBytes(file);
        int keep = all.length - torn.tailBytes();
        Path aside = file.resolveSibling(file.getFileName() + ".torn-" + (torn.intactEntries() + 1));
        AtomicFiles.write(aside, Arrays.copyOfRange(all, keep, all.length));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(keep);
            channel.force(true);
        }
        AuditKey key = existingKey(file);
        List<Line> lines = read(file);
        AuditLog log = new AuditLog(
                file,
                key,
                lines.size(),
                lines.isEmpty() ? GENESIS : lines.getLast().mac());
        if (lines.isEmpty()) {
            log.append(selfEvent(clock, STARTED, ""));
        }
        log.append(selfEvent(clock, "RECOVERED_TORN_TAIL", AuditEvent.hash(Files.readAllBytes(aside))));
        return log;
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a directory; the entry itself is already fsync'd.
        }
    }
}
