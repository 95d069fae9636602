package org.uketsuke.app.reception;

import java.time.Clock;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.bridge.exchange.ExchangeAudit;

/**
 * The folder exchanges' requests in the audit trail: one entry per request answered ({@code ANSWERED}) or refused
 * ({@code REFUSED}), method {@code FOLDER_REQUEST}, the request's file name as {@code ref}, the SHA-256 of the request
 * file as {@code subject} and of the answer (or {@code .err}) as {@code card} — the contents (insurance numbers, drug
 * and checkup records) never. While the audit alarm stands the exchanges answer nothing.
 */
public final class FolderRequestAudit implements ExchangeAudit {

    public static final String METHOD = "FOLDER_REQUEST";

    private final AuditTrail trail;
    private final Clock clock;

    public FolderRequestAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @Override
    public boolean accepting() {
        return trail.confirmationsAllowed();
    }

    @Override
    public void exchanged(String requestFile, byte[] request, Answer answer) {
        trail.append(new AuditEvent(
                clock.instant(),
                trail.terminalId(),
                "",
                METHOD,
                answer == null ? "NO_ANSWER" : answer.refused() ? "REFUSED" : "ANSWERED",
                request == null ? "" : AuditEvent.hash(request),
                answer == null ? "" : AuditEvent.hash(answer.bytes()),
                AuditEvent.ref(requestFile)));
    }
}
