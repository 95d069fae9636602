package org.uketsuke.bridge.audit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A day's head of the audit log as sent off the machine: which chain (the MAC of its first entry: a log started
 * afresh after an acknowledged alarm is another chain), the date, how many entries the chain held at that point and
 * the MAC of the last of them. Held by the backend (and its receipt kept locally), it pins the log: a later log whose
 * entry {@code entries} does not carry {@code mac} was rewritten, cut or replaced — even by someone with the key.
 *
 * @param confirmation the backend's id for the anchor, or empty before it answered
 */
public record AuditAnchor(String chain, LocalDate date, long entries, String mac, String confirmation) {

    private static final String MAC = "[0-9a-f]{64}";

    public AuditAnchor {
        Objects.requireNonNull(date, "date");
        confirmation = confirmation == null ? "" : confirmation;
        if (chain == null
                || !chain.matches(MAC)
                || entries < 1
                || mac == null
                || !mac.matches(MAC)
                || !confirmation.matches("[A-Za-z0-9._-]{0,64}")) {
            throw new IllegalArgumentException("an anchor is a chain, a positive entry count, a MAC and a token id");
        }
    }

    /** The one-line form of receipts and of the backend's route: {@code chain date entries mac [confirmation]}. */
    public String line() {
        return chain + " " + date + " " + entries + " " + mac + (confirmation.isEmpty() ? "" : " " + confirmation);
    }

    /** Parses {@link #line()}; throws {@link IllegalArgumentException} on anything else. */
    public static AuditAnchor parse(String line) {
        String[] parts = line.strip().split(" ");
        if (parts.length < 4 || parts.length > 5) {
            throw new IllegalArgumentException("not an anchor line");
        }
        try {
            return new AuditAnchor(
                    parts[0],
                    LocalDate.parse(parts[1]),
                    Long.parseLong(parts[2]),
                    parts[3],
                    parts.length == 5 ? parts[4] : "");
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("not an anchor line: " + e.getMessage(), e);
        }
    }

    /** The anchor with the backend's confirmation id. */
    public AuditAnchor confirmed(String id) {
        return new AuditAnchor(chain, date, entries, mac, id);
    }
}
