package org.uketsuke.bridge.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.uketsuke.bridge.sink.AtomicFiles;
import org.uketsuke.bridge.sink.PrivateFiles;

/**
 * An append-only, tamper-evident log of confirmation events: JSON lines, each entry carrying its sequence number,
 * the hash of the entry before it and its own SHA-256 over its canonical encoding (the line without its
 * {@code "hash"} field). Every append is fsync'd; a head file ({@code <file>.head}: last sequence number and hash,
 * replaced atomically after each append) makes truncation at the end detectable, which a chain alone cannot show.
 *
 * <p>{@link #verify} recomputes the chain and names the first broken entry; a torn last line (a crash during an
 * append) is reported as {@link AuditVerification.IncompleteTail}, and {@link #open} recovers from it by moving the
 * torn bytes to {@code <file>.torn-<n>} and recording the recovery as an entry — never silently. A broken chain is
 * never appended to. What this does not stop: someone who can write the folder and recompute every hash and the
 * head; keep the head hash elsewhere too (e.g. print it in the daily report) for that.
 */
public final class AuditLog {

    /** The {@code prev} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final Pattern LINE = Pattern.compile(
            "\\{\"seq\":(0|[1-9][0-9]{0,17}),\"at\":\"([^\"]*)\","
                    + "\"terminal\":\"([^\"]*)\",\"staff\":\"([^\"]*)\",\"method\":\"([^\"]*)\",\"outcome\":\"([^\"]*)\","
                    + "\"subject\":\"([^\"]*)\",\"card\":\"([^\"]*)\",\"prev\":\"([0-9a-f]{64})\",\"hash\":\"([0-9a-f]{64})\"\\}");

    private final Path file;
    private final Path head;
    private long seq;
    private String last;

    private AuditLog(Path file, long seq, String last) {
        this.file = file;
        this.head = headOf(file);
        this.seq = seq;
        this.last = last;
    }

    /** One appended entry: its number and its hash (the new head). */
    public record Entry(long seq, String hash) {}

    public static AuditLog open(Path file) throws AuditLogException {
        return open(file, Clock.systemUTC());
    }

    /**
     * Opens (or creates) the log after verifying it. A torn tail is moved aside and recorded; a broken chain throws.
     */
    public static AuditLog open(Path file, Clock clock) throws AuditLogException {
        AuditVerification verification = verify(file);
        return switch (verification) {
            case AuditVerification.Intact intact -> new AuditLog(file, intact.entries(), intact.headHash());
            case AuditVerification.IncompleteTail torn -> recover(file, clock, torn);
            case AuditVerification.Broken broken ->
                throw new AuditLogException(
                        "the audit log " + file + " is broken at entry " + broken.entry() + ": " + broken.reason()
                                + " (" + broken.detail() + ")",
                        broken,
                        null);
        };
    }

    /** Appends one event durably (fsync of the log, then the head); returns the new entry. */
    public synchronized Entry append(AuditEvent event) throws AuditLogException {
        long n = seq + 1;
        String body = body(n, event, last);
        String hash = AuditEvent.hash(body.getBytes(StandardCharsets.UTF_8));
        byte[] line = (withHash(body, hash) + "\n").getBytes(StandardCharsets.UTF_8);
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
            AtomicFiles.write(head, (n + " " + hash + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new AuditLogException("could not append to the audit log " + file + ": " + e.getMessage(), null, e);
        }
        seq = n;
        last = hash;
        return new Entry(n, hash);
    }

    /** The number of entries and the head hash as of the last append. */
    public synchronized Entry head() {
        return new Entry(seq, last);
    }

    public Path file() {
        return file;
    }

    /** Recomputes the whole chain of {@code file} and checks it against the head file. */
    public static AuditVerification verify(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            all = new byte[0];
        } catch (IOException e) {
            return new AuditVerification.Broken(
                    0, AuditVerification.Reason.NOT_CANONICAL, "unreadable: " + e.getMessage());
        }
        int complete = lastNewline(all) + 1;
        String text = new String(all, 0, complete, StandardCharsets.UTF_8);
        List<String> lines = complete == 0
                ? List.of()
                : List.of(text.substring(0, text.length() - 1).split("\n", -1));
        List<String> hashes = new ArrayList<>();
        String prev = GENESIS;
        for (String line : lines) {
            AuditVerification.Broken broken = check(hashes.size() + 1, line, prev);
            if (broken != null) {
                return broken;
            }
            prev = line.substring(line.length() - 66, line.length() - 2);
            hashes.add(prev);
        }
        long entries = hashes.size();
        Head saved = readHead(file);
        if (saved == null) {
            return new AuditVerification.Broken(
                    entries, AuditVerification.Reason.HEAD_MISMATCH, "the head file is unreadable");
        }
        if (entries < saved.seq()) {
            return new AuditVerification.Broken(
                    entries + 1,
                    AuditVerification.Reason.TRUNCATED,
                    "the head records " + saved.seq() + " entries, the log holds " + entries);
        }
        if (entries > saved.seq() + 1) {
            // One entry past the head is a crash between the log's fsync and the head's; more is not.
            return new AuditVerification.Broken(
                    saved.seq() + 1,
                    AuditVerification.Reason.HEAD_MISMATCH,
                    "entries after the saved head " + saved.seq());
        }
        if (saved.seq() > 0 && !hashes.get((int) saved.seq() - 1).equals(saved.hash())) {
            return new AuditVerification.Broken(
                    saved.seq(),
                    AuditVerification.Reason.HEAD_MISMATCH,
                    "entry " + saved.seq() + " is not the one the head recorded");
        }
        int tail = all.length - complete;
        return tail > 0
                ? new AuditVerification.IncompleteTail(entries, tail)
                : new AuditVerification.Intact(entries, prev);
    }

    // ---- encoding -------------------------------------------------------------------------------------------------

    /** The canonical encoding without the hash: fixed field order, no spaces, no escapes (the fields cannot need any). */
    static String body(long seq, AuditEvent e, String prev) {
        return "{\"seq\":" + seq + ",\"at\":\"" + e.at() + "\",\"terminal\":\"" + e.terminalId() + "\",\"staff\":\""
                + e.staffId() + "\",\"method\":\"" + e.method() + "\",\"outcome\":\"" + e.outcome()
                + "\",\"subject\":\""
                + e.subjectHash() + "\",\"card\":\"" + e.cardHash() + "\",\"prev\":\"" + prev + "\"}";
    }

    private static String withHash(String body, String hash) {
        return body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}";
    }

    private static AuditVerification.Broken check(long entry, String line, String prev) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return new AuditVerification.Broken(entry, AuditVerification.Reason.NOT_CANONICAL, "not an entry line");
        }
        AuditEvent event;
        try {
            event = new AuditEvent(
                    Instant.parse(m.group(2)), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7), m.group(8));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new AuditVerification.Broken(entry, AuditVerification.Reason.NOT_CANONICAL, e.getMessage());
        }
        long seq = Long.parseLong(m.group(1));
        String body = body(seq, event, m.group(9));
        if (!withHash(body, m.group(10)).equals(line)) {
            return new AuditVerification.Broken(entry, AuditVerification.Reason.NOT_CANONICAL, "not in canonical form");
        }
        if (seq != entry) {
            return new AuditVerification.Broken(
                    entry, AuditVerification.Reason.SEQUENCE_GAP, "entry " + entry + " carries number " + seq);
        }
        if (!AuditEvent.hash(body.getBytes(StandardCharsets.UTF_8)).equals(m.group(10))) {
            return new AuditVerification.Broken(
                    entry, AuditVerification.Reason.HASH_MISMATCH, "recomputed hash differs");
        }
        if (!m.group(9).equals(prev)) {
            return new AuditVerification.Broken(
                    entry, AuditVerification.Reason.CHAIN_BROKEN, "prev is not the hash of entry " + (entry - 1));
        }
        return null;
    }

    // ---- files ----------------------------------------------------------------------------------------------------

    private record Head(long seq, String hash) {}

    private static Path headOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".head");
    }

    /** The saved head; (0, GENESIS) when there is none yet; null when it is unreadable. */
    private static Head readHead(Path file) {
        try {
            String text = Files.readString(headOf(file), StandardCharsets.US_ASCII);
            if (!text.matches("(0|[1-9][0-9]{0,17}) [0-9a-f]{64}\n")) {
                return null;
            }
            String[] parts = text.strip().split(" ");
            return new Head(Long.parseLong(parts[0]), parts[1]);
        } catch (NoSuchFileException e) {
            return new Head(0, GENESIS);
        } catch (IOException e) {
            return null;
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static AuditLog recover(Path file, Clock clock, AuditVerification.IncompleteTail torn)
            throws AuditLogException {
        try {
            byte[] all = Files.readAllBytes(file);
            int keep = all.length - torn.tailBytes();
            Path aside = file.resolveSibling(file.getFileName() + ".torn-" + (torn.intactEntries() + 1));
            AtomicFiles.write(aside, Arrays.copyOfRange(all, keep, all.length));
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(keep);
                channel.force(true);
            }
            AuditVerification after = verify(file);
            if (!(after instanceof AuditVerification.Intact intact)) {
                throw new AuditLogException(
                        "the audit log " + file + " did not verify after recovery: " + after, after, null);
            }
            AuditLog log = new AuditLog(file, intact.entries(), intact.headHash());
            log.append(new AuditEvent(
                    clock.instant(),
                    "audit-log",
                    "",
                    "NONE",
                    "RECOVERED_TORN_TAIL",
                    AuditEvent.hash(Files.readAllBytes(aside)),
                    ""));
            return log;
        } catch (IOException e) {
            throw new AuditLogException("could not recover the torn tail of " + file + ": " + e.getMessage(), torn, e);
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a directory; the entry itself is already fsync'd.
        }
    }
}
