package org.uketsuke.bridge.retention;

/**
 * How long the terminal keeps what it no longer needs, in days (0: kept until an administrator deletes it). The
 * レセコン store is not here: it is the clinic's record and kept as long as the law requires (診療録 5 years), by the
 * clinic, not purged by the terminal.
 *
 * @param deliveredOutboxDays outbox entries every sink has (the result message with the patient's qualification)
 * @param doneRequestDays request files answered and moved to {@code req/done}
 * @param answerDays answers in {@code res} (results, drug and checkup records, {@code .err})
 * @param csvDays the CSV export's day files
 */
public record Retention(int deliveredOutboxDays, int doneRequestDays, int answerDays, int csvDays) {

    /** 90 days of each: a quarter's 返戻 and re-sends are covered, nothing is kept for years by accident. */
    public static final Retention DEFAULT = new Retention(90, 90, 90, 90);

    public Retention {
        for (int days : new int[] {deliveredOutboxDays, doneRequestDays, answerDays, csvDays}) {
            if (days < 0 || days > 36_500) {
                throw new IllegalArgumentException("a retention is 0 (keep) to 36500 days");
            }
        }
    }
}
