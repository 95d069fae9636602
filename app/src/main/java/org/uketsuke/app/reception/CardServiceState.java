package org.uketsuke.app.reception;

/**
 * Whether the counter's card service (pcscd, SCardSvr) answers, as the reader watcher last saw it. While it is down
 * the kiosk shows that instead of inviting the patient to place a card, and the staff console says what to do; both
 * return by themselves when it answers again.
 */
public sealed interface CardServiceState {

    /** The service answers. */
    record Running() implements CardServiceState {}

    /** The service does not answer; {@code reason} is the watcher's, for the log and the staff. */
    record Down(String reason) implements CardServiceState {}
}
