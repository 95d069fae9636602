package org.uketsuke.mockbackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The audit-log anchors terminals send (docs/backend-api.md, {@code /audit/anchor}): per institution (the CN of the
 * TLS client certificate) and terminal id, each day's head — date, entry count, MAC — kept append-only in
 * {@code audit-anchors.txt} of the state directory and answered with a confirmation id. An anchor with fewer entries
 * than one already held for the same chain (log) of the terminal is refused: a log does not shrink.
 */
final class AuditAnchorStore {

    /** One held anchor. */
    record Anchor(String institution, String terminal, String chain, String date, long entries, String mac, String id) {
        String line() {
            return institution + " " + terminal + " " + chain + " " + date + " " + entries + " " + mac + " " + id;
        }

        /** What the terminal reads back: {@code chain date entries mac id}. */
        String held() {
            return chain + " " + date + " " + entries + " " + mac + " " + id;
        }
    }

    /** What {@link #add} did. */
    sealed interface Added {}

    record Confirmed(String id) implements Added {}

    record Shrunk(Anchor held) implements Added {}

    private static final String TOKEN = "[A-Za-z0-9._-]{1,64}";
    private static final String MAC = "[0-9a-f]{64}";

    private final Path file;
    private final List<Anchor> anchors = new ArrayList<>();

    AuditAnchorStore(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                    String[] p = line.split(" ");
                    anchors.add(new Anchor(p[0], p[1], p[2], p[3], Long.parseLong(p[4]), p[5], p[6]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param body {@code terminal chain date entries mac}
     * @throws IllegalArgumentException on a body of another shape
     */
    synchronized Added add(String institution, String body) {
        String[] p = body.strip().split(" ");
        if (p.length != 5
                || !p[0].matches(TOKEN)
                || !p[1].matches(MAC)
                || !p[2].matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")
                || !p[3].matches("[1-9][0-9]{0,17}")
                || !p[4].matches(MAC)
                || !institution.matches(TOKEN)) {
            throw new IllegalArgumentException("an anchor is 'terminal chain yyyy-mm-dd entries mac'");
        }
        long entries = Long.parseLong(p[3]);
        for (Anchor held : anchors) {
            if (held.institution().equals(institution)
                    && held.terminal().equals(p[0])
                    && held.chain().equals(p[1])
                    && held.entries() > entries) {
                return new Shrunk(held);
            }
        }
        Anchor anchor = new Anchor(
                institution,
                p[0],
                p[1],
                p[2],
                entries,
                p[4],
                "ANC" + String.format(Locale.ROOT, "%08d", anchors.size() + 1));
        try {
            Files.writeString(
                    file,
                    anchor.line() + "\n",
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        anchors.add(anchor);
        return new Confirmed(anchor.id());
    }

    /** The anchors held for one terminal of one institution, oldest first. */
    synchronized List<Anchor> of(String institution, String terminal) {
        return anchors.stream()
                .filter(a -> a.institution().equals(institution) && a.terminal().equals(terminal))
                .toList();
    }
}
