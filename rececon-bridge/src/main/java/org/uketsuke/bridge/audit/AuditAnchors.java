package org.uketsuke.bridge.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.uketsuke.bridge.sink.PrivateFiles;

/**
 * The daily heads of an audit log: computing a day's head from the log, the local receipts of the anchors the backend
 * confirmed ({@code <file>.anchors}, one {@link AuditAnchor#line()} each) and checking a log against anchors.
 */
public final class AuditAnchors {

    /** The outcome prefix of an administrator's acknowledgment of an audit alarm. */
    public static final String ACKNOWLEDGED = "ALARM_ACKNOWLEDGED_";

    private AuditAnchors() {}

    /** What the daily report prints for one day. */
    public record Day(LocalDate date, long entriesThatDay, Optional<AuditAnchor> headAtEnd) {}

    public static Path receiptsOf(Path log) {
        return log.resolveSibling(log.getFileName() + ".anchors");
    }

    /** The entries of {@code date} (in {@code zone}) and the chain's head after the last of them. */
    public static Day day(List<AuditLog.Line> lines, LocalDate date, ZoneId zone) {
        long that = 0;
        AuditLog.Line last = null;
        for (AuditLog.Line line : lines) {
            LocalDate on = line.event().at().atZone(zone).toLocalDate();
            if (!on.isAfter(date)) {
                last = line;
            }
            if (on.equals(date)) {
                that++;
            }
        }
        AuditLog.Line head = last;
        return new Day(
                date,
                that,
                Optional.ofNullable(head).map(l -> new AuditAnchor(chainOf(lines), date, l.seq(), l.mac(), "")));
    }

    /** A chain's id: the MAC of its first entry ({@code LOG_STARTED}). */
    public static String chainOf(List<AuditLog.Line> lines) {
        return lines.isEmpty() ? AuditLog.GENESIS : lines.getFirst().mac();
    }

    /** Keeps a confirmed anchor's receipt (appended and fsync'd). */
    public static void keepReceipt(Path log, AuditAnchor anchor) throws IOException {
        try (FileChannel out = FileChannel.open(
                receiptsOf(log),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
                PrivateFiles.fileAttributes())) {
            ByteBuffer line = ByteBuffer.wrap((anchor.line() + "\n").getBytes(StandardCharsets.US_ASCII));
            while (line.hasRemaining()) {
                out.write(line);
            }
            out.force(true);
        }
    }

    /** The local receipts; none when the file does not exist; unreadable lines throw. */
    public static List<AuditAnchor> receipts(Path log) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(receiptsOf(log), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<AuditAnchor> anchors = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                try {
                    anchors.add(AuditAnchor.parse(line));
                } catch (IllegalArgumentException e) {
                    throw new IOException("receipt line " + (anchors.size() + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return anchors;
    }

    /**
     * The first anchor of this log's chain the log contradicts — its entry missing or carrying another MAC — as a
     * broken verification; empty when every anchor is found in the log. Anchors of other chains (logs this terminal
     * kept before) only count when this chain does not begin with an administrator's acknowledgment: a log replaced
     * without one is broken. {@code lines} are the verified log's entries.
     */
    public static Optional<AuditVerification.Broken> check(List<AuditLog.Line> lines, Collection<AuditAnchor> anchors) {
        String chain = chainOf(lines);
        boolean acknowledgedRestart =
                lines.size() >= 2 && lines.get(1).event().outcome().startsWith(ACKNOWLEDGED);
        for (AuditAnchor anchor : anchors) {
            if (!anchor.chain().equals(chain)) {
                if (acknowledgedRestart) {
                    continue;
                }
                return Optional.of(new AuditVerification.Broken(
                        1,
                        AuditVerification.Reason.MISSING_ENTRIES,
                        "anchor " + anchor.confirmation() + " of " + anchor.date()
                                + " belongs to another log of this terminal, and this log does not begin with an"
                                + " acknowledgment (replaced)"));
            }
            if (anchor.entries() > lines.size()) {
                return Optional.of(new AuditVerification.Broken(
                        lines.size() + 1L,
                        AuditVerification.Reason.MISSING_ENTRIES,
                        "the anchor of " + anchor.date() + " (" + anchor.confirmation() + ") records "
                                + anchor.entries() + " entries, the log holds " + lines.size()));
            }
            if (!lines.get((int) anchor.entries() - 1).mac().equals(anchor.mac())) {
                return Optional.of(new AuditVerification.Broken(
                        anchor.entries(),
                        AuditVerification.Reason.HEAD_MISMATCH,
                        "entry " + anchor.entries() + " is not the one anchored on " + anchor.date() + " ("
                                + anchor.confirmation() + ")"));
            }
        }
        return Optional.empty();
    }
}
