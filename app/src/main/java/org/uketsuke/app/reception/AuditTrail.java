package org.uketsuke.app.reception;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.bridge.audit.AuditAnchors;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.bridge.audit.AuditKey;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditLogException;
import org.uketsuke.bridge.audit.AuditVerification;
import org.uketsuke.bridge.sink.AtomicFiles;

/**
 * The terminal's one audit trail and the gate it holds over confirmations. Every part of the terminal appends through
 * it; when the log is broken at start, missing beside a non-empty outbox, or an append fails while running, it raises
 * an {@link Alarm}: the staff console shows it and every new confirmation (kiosk, staff lookup, 一括照会, folder
 * requests) is refused until an administrator {@link #acknowledge acknowledges} it — and that acknowledgment is
 * itself the first entry written afterwards.
 */
public final class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    /** Why the trail stopped confirmations; each has a ja/en text ({@code audit.alarm.NAME}). */
    public enum AlarmCause {
        /** The log did not verify at start (edited, truncated, extended, deleted, re-keyed). */
        BROKEN_AT_START,
        /** There is no log, but the outbox holds confirmations: it was deleted together with its key. */
        MISSING_BESIDE_OUTBOX,
        /** An append failed while running (disk full, file removed, permissions). */
        APPEND_FAILED,
        /** The log contradicts an anchor the backend or a local receipt holds (rewritten, cut or replaced). */
        ANCHOR_MISMATCH
    }

    /** What the staff console shows. */
    public sealed interface State {}

    /** Appending works; confirmations run. */
    public record Healthy(long entries) implements State {}

    /** Confirmations are stopped until an administrator acknowledges. {@code detail} is for the log and the admin. */
    public record Alarm(AlarmCause cause, String detail, Instant since) implements State {}

    /** What an acknowledgment did. */
    public sealed interface Acknowledgment {}

    /** The alarm is cleared; the acknowledgment is entry {@code seq} (of a fresh log when the old one was broken). */
    public record Acknowledged(long seq, Optional<Path> brokenLogKeptAt) implements Acknowledgment {}

    /** The log still cannot be written; the alarm stays. */
    public record StillFailing(String detail) implements Acknowledgment {}

    /** There was no alarm to acknowledge. */
    public record NothingToAcknowledge() implements Acknowledgment {}

    private final Path file;
    private final String terminalId;
    private final Clock clock;
    private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
    private AuditLog audit;
    private State state;

    private AuditTrail(Path file, String terminalId, Clock clock, AuditLog audit, State state) {
        this.file = file;
        this.terminalId = terminalId;
        this.clock = clock;
        this.audit = audit;
        this.state = state;
    }

    /**
     * Opens (or starts) the log at {@code file}. Never throws: a log that cannot be used is an alarm.
     *
     * @param outboxHasEntries whether the outbox beside it holds confirmations (then a missing log was deleted)
     */
    public static AuditTrail open(Path file, String terminalId, Clock clock, boolean outboxHasEntries) {
        Objects.requireNonNull(terminalId, "terminalId");
        Optional<AlarmCause> standing = standingAlarm(file);
        if (standing.isPresent()) {
            // An alarm outlives a restart: only an acknowledgment clears it, even if the log verifies by now.
            return alarmed(file, terminalId, clock, standing.get(), "raised before this start, not yet acknowledged");
        }
        if (AuditLog.verify(file) instanceof AuditVerification.Absent) {
            if (outboxHasEntries) {
                return alarmed(file, terminalId, clock, AlarmCause.MISSING_BESIDE_OUTBOX, "no audit log at " + file);
            }
            if (Files.exists(AuditAnchors.receiptsOf(file))) {
                return alarmed(file, terminalId, clock, AlarmCause.ANCHOR_MISMATCH, "anchors kept, but no audit log");
            }
        }
        AuditLog opened;
        try {
            opened = AuditLog.open(file, clock);
        } catch (AuditLogException e) {
            return alarmed(file, terminalId, clock, AlarmCause.BROKEN_AT_START, e.getMessage());
        }
        try {
            Optional<AuditVerification.Broken> contradicted =
                    AuditAnchors.check(AuditLog.read(file), AuditAnchors.receipts(file));
            if (contradicted.isPresent()) {
                return alarmed(
                        file,
                        terminalId,
                        clock,
                        AlarmCause.ANCHOR_MISMATCH,
                        contradicted.get().detail());
            }
        } catch (IOException e) {
            return alarmed(file, terminalId, clock, AlarmCause.ANCHOR_MISMATCH, e.getMessage());
        }
        return new AuditTrail(
                file, terminalId, clock, opened, new Healthy(opened.head().seq()));
    }

    private static AuditTrail alarmed(Path file, String terminalId, Clock clock, AlarmCause cause, String detail) {
        raise(file, cause, detail);
        return new AuditTrail(file, terminalId, clock, null, new Alarm(cause, detail, clock.instant()));
    }

    public String terminalId() {
        return terminalId;
    }

    public Path file() {
        return file;
    }

    public synchronized State state() {
        return state;
    }

    /** Whether a new confirmation may start: the one gate every confirmation path asks. */
    public synchronized boolean confirmationsAllowed() {
        return state instanceof Healthy;
    }

    /** Called with each new state (on the thread that changed it). */
    public void onChange(Consumer<State> listener) {
        listeners.add(listener);
    }

    /**
     * Appends {@code event}; a failure raises the alarm (once) and is answered false. While the alarm stands nothing
     * is appended — the log is not written to behind a broken chain.
     */
    public boolean append(AuditEvent event) {
        State changed;
        synchronized (this) {
            if (audit == null || state instanceof Alarm) {
                return false;
            }
            try {
                state = new Healthy(audit.append(event).seq());
                return true;
            } catch (AuditLogException e) {
                state = new Alarm(AlarmCause.APPEND_FAILED, e.getMessage(), clock.instant());
                raise(file, AlarmCause.APPEND_FAILED, e.getMessage());
                changed = state;
            }
        }
        listeners.forEach(listener -> listener.accept(changed));
        return false;
    }

    /** Raises the alarm from outside the log itself (an anchor the log contradicts). */
    public void alarm(AlarmCause cause, String detail) {
        State changed;
        synchronized (this) {
            if (state instanceof Alarm) {
                return;
            }
            state = new Alarm(cause, detail, clock.instant());
            raise(file, cause, detail);
            changed = state;
        }
        listeners.forEach(listener -> listener.accept(changed));
    }

    /**
     * An administrator acknowledges the alarm (the role check is the caller's). The log is reopened from disk (a torn
     * tail or a stale head repaired with an entry); a log that still does not verify is kept aside whole — log, head
     * and key as {@code <file>.broken-<epoch second>…} for the investigation — and a fresh log is started. Either way
     * the acknowledgment is written first ({@code ALARM_ACKNOWLEDGED_<cause>}, the staff id, and the hash of the kept
     * log), and only then do confirmations run again.
     */
    public Acknowledgment acknowledge(String staffId) {
        Acknowledgment outcome;
        synchronized (this) {
            if (!(state instanceof Alarm alarm)) {
                return new NothingToAcknowledge();
            }
            Optional<Path> kept = Optional.empty();
            String keptHash = "";
            try {
                AuditLog reopened;
                try {
                    reopened = AuditLog.open(file, clock);
                } catch (AuditLogException broken) {
                    Path aside = file.resolveSibling(
                            file.getFileName() + ".broken-" + clock.instant().getEpochSecond());
                    keptHash = Files.exists(file) ? AuditEvent.hash(Files.readAllBytes(file)) : "";
                    moveAside(file, aside);
                    moveAside(
                            file.resolveSibling(file.getFileName() + ".head"),
                            aside.resolveSibling(aside.getFileName() + ".head"));
                    moveAside(AuditKey.fileOf(file), AuditKey.fileOf(aside));
                    kept = Optional.of(aside);
                    reopened = AuditLog.open(file, clock);
                }
                AuditLog.Entry entry = reopened.append(new AuditEvent(
                        clock.instant(),
                        terminalId,
                        staffId,
                        "ADMIN",
                        AuditAnchors.ACKNOWLEDGED + alarm.cause().name(),
                        keptHash,
                        "",
                        kept.map(path -> AuditEvent.ref(path.getFileName().toString()))
                                .orElse("")));
                audit = reopened;
                state = new Healthy(entry.seq());
                Files.deleteIfExists(alarmFile(file));
                log.warn("audit alarm {} acknowledged by {} (entry {})", alarm.cause(), staffId, entry.seq());
                outcome = new Acknowledged(entry.seq(), kept);
            } catch (AuditLogException | IOException | IllegalArgumentException e) {
                log.error("audit alarm not cleared: {}", e.getMessage());
                return new StillFailing(e.getMessage());
            }
        }
        State now = state();
        listeners.forEach(listener -> listener.accept(now));
        return outcome;
    }

    /** The head of a healthy log (for the daily anchors), or empty during an alarm. */
    public synchronized Optional<AuditLog.Entry> head() {
        return audit == null || state instanceof Alarm ? Optional.empty() : Optional.of(audit.head());
    }

    /** {@code <file>.alarm}: the standing alarm's cause, so that a restart does not clear it. */
    private static Path alarmFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".alarm");
    }

    private static void raise(Path file, AlarmCause cause, String detail) {
        log.error("AUDIT ALARM {}: {} — confirmations stop until an administrator acknowledges", cause, detail);
        try {
            AtomicFiles.write(alarmFile(file), (cause.name() + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            log.error(
                    "the audit alarm could not be kept on disk (it stands until this terminal stops): {}",
                    e.getMessage());
        }
    }

    private static Optional<AlarmCause> standingAlarm(Path file) {
        try {
            String cause =
                    Files.readString(alarmFile(file), StandardCharsets.US_ASCII).strip();
            for (AlarmCause known : AlarmCause.values()) {
                if (known.name().equals(cause)) {
                    return Optional.of(known);
                }
            }
            return Optional.of(AlarmCause.BROKEN_AT_START);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(AlarmCause.BROKEN_AT_START);
        }
    }

    private static void moveAside(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
