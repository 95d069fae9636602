package org.uketsuke.bridge.retention;

/** What one purge deleted, by kind: counts only, which is all the audit log gets. */
public record Purged(int outboxEntries, int doneRequests, int answers, int csvDays) {

    /** The audit entry's outcome code, e.g. {@code PURGED_OUTBOX_3_REQ_1_RES_2_CSV_0}. */
    public String outcome() {
        return "PURGED_OUTBOX_" + outboxEntries + "_REQ_" + doneRequests + "_RES_" + answers + "_CSV_" + csvDays;
    }
}
