package org.uketsuke.bridge.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.bridge.timers.Timers;

/**
 * Deletes, once a day, what the {@link Retention} says the terminal no longer keeps: delivered outbox entries, answered
 * requests in {@code req/done}, answers in {@code res}, CSV day files. Files go by their last change; only regular files
 * are deleted (a link planted there is left, never followed). Each purge is written to the audit log as counts, never
 * names or contents.
 */
public final class RetentionPurge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    /** Where the purged files are; either may be absent (no folder exchange, no CSV export). */
    public record Folders(Optional<Path> exchange, Optional<Path> csv) {}

    private final Retention retention;
    private final ToIntFunction<Instant> purgeDeliveredBefore;
    private final Folders folders;
    private final Predicate<AuditEvent> audit;
    private final String terminalId;
    private final Clock clock;
    private ScheduledExecutorService timer;

    /**
     * @param purgeDeliveredBefore the outbox's purge of entries delivered and confirmed before a cutoff
     *     ({@code RececonBridge::purgeDelivered}), returning how many went
     * @param audit appends to the terminal's audit trail, answering whether the entry was written
     */
    public RetentionPurge(
            Retention retention,
            ToIntFunction<Instant> purgeDeliveredBefore,
            Folders folders,
            Predicate<AuditEvent> audit,
            String terminalId,
            Clock clock) {
        this.retention = retention;
        this.purgeDeliveredBefore = purgeDeliveredBefore;
        this.folders = folders;
        this.audit = audit;
        this.terminalId = terminalId;
        this.clock = clock;
    }

    /** Purges now, then every day until closed; the first run waits {@code firstDelay} (the terminal starts first). */
    public synchronized RetentionPurge daily(Duration firstDelay) {
        timer = Executors.newSingleThreadScheduledExecutor(
                runnable -> Thread.ofPlatform().name("retention-purge").daemon().unstarted(runnable));
        // The task catches its own failures; the future carries nothing worth reading.
        var _ = timer.scheduleWithFixedDelay(
                this::purgeLogged, firstDelay.toMillis(), Duration.ofDays(1).toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void purgeLogged() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.error("retention purge failed: {}", e.toString());
        }
    }

    /** One purge: deletes what is past its retention and audits the counts. */
    public Purged purge() {
        Instant now = clock.instant();
        int outbox = retention.deliveredOutboxDays() == 0
                ? 0
                : purgeDeliveredBefore.applyAsInt(now.minus(Duration.ofDays(retention.deliveredOutboxDays())));
        int requests = folders.exchange()
                .map(folder -> delete(folder.resolve("req").resolve("done"), retention.doneRequestDays(), now, any()))
                .orElse(0);
        int answers = folders.exchange()
                .map(folder -> delete(folder.resolve("res"), retention.answerDays(), now, any()))
                .orElse(0);
        int csv = folders.csv()
                .map(folder -> delete(
                        folder,
                        retention.csvDays(),
                        now,
                        name -> name.startsWith("uketsuke-qualifications-") && name.endsWith(".csv")))
                .orElse(0);
        Purged purged = new Purged(outbox, requests, answers, csv);
        audit(purged, now);
        return purged;
    }

    private void audit(Purged purged, Instant now) {
        if (!audit.test(new AuditEvent(now, terminalId, "", "RETENTION_PURGE", purged.outcome(), "", ""))) {
            log.warn("retention purge not audited (the audit alarm stands): {}", purged.outcome());
        }
    }

    private static Predicate<String> any() {
        return name -> !name.startsWith(".");
    }

    private static int delete(Path folder, int days, Instant now, Predicate<String> named) {
        if (days == 0 || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        Instant cutoff = now.minus(Duration.ofDays(days));
        List<Path> old;
        try (Stream<Path> files = Files.list(folder)) {
            old = files.filter(p -> named.test(p.getFileName().toString()))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> changedBefore(p, cutoff))
                    .toList();
        } catch (IOException e) {
            log.warn("cannot list {} for the retention purge: {}", folder, e.toString());
            return 0;
        }
        int deleted = 0;
        for (Path file : old) {
            try {
                Files.delete(file);
                deleted++;
            } catch (IOException e) {
                log.warn("cannot delete {}: {}", file.getFileName(), e.toString());
            }
        }
        return deleted;
    }

    private static boolean changedBefore(Path file, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
                    .toInstant()
                    .isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            Timers.stop(timer);
        }
    }
}
