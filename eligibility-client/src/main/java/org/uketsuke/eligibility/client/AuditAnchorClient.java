package org.uketsuke.eligibility.client;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import okhttp3.MediaType;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.client.EligibilityTransport.Calls;

/**
 * Sends the audit log's daily heads to the backend over the terminal's mTLS transport and reads back the ones it
 * holds ({@code POST /audit/anchor}, {@code POST /audit/anchors}; docs/backend-api.md). Lines only: the audit log's
 * own types live in the bridge.
 */
public final class AuditAnchorClient {

    private static final MediaType TEXT = MediaType.get("text/plain; charset=us-ascii");

    /** What sending one anchor came to. */
    public sealed interface Sent {}

    /** The backend holds it under {@code id}. */
    public record Confirmed(String id) implements Sent {}

    /** The backend refused it ({@code 409}: the log shrank below an anchor it holds). */
    public record Refused(int status, String reason) implements Sent {}

    /** No answer: try again later. */
    public record NotSent(Unavailable unavailable) implements Sent, Held {}

    /** What asking for the held anchors came to. */
    public sealed interface Held {}

    /** The held anchors as lines {@code chain date entries mac id}, oldest first. */
    public record Anchors(List<String> lines) implements Held {}

    private final EligibilityTransport transport;

    public AuditAnchorClient(EligibilityTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Sends one anchor. Anchors may be sent twice (the backend keeps both), so a lost answer is retried like a query.
     *
     * @param chain the MAC of the log's first entry: which of the terminal's logs this anchor pins */
    public Sent send(String terminalId, String chain, LocalDate date, long entries, String mac) {
        byte[] body = (terminalId + " " + chain + " " + date + " " + entries + " " + mac + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        return switch (transport.post("/audit/anchor", body, TEXT, Calls.IDEMPOTENT)) {
            case EligibilityTransport.Answered a
            when a.successful() -> new Confirmed(new String(a.body(), StandardCharsets.US_ASCII).strip());
            case EligibilityTransport.Answered a ->
                new Refused(a.status(), new String(a.body(), StandardCharsets.UTF_8).strip());
            case EligibilityTransport.Failed f -> new NotSent(f.unavailable());
        };
    }

    public Held held(String terminalId) {
        byte[] body = (terminalId + "\n").getBytes(StandardCharsets.US_ASCII);
        return switch (transport.post("/audit/anchors", body, TEXT, Calls.IDEMPOTENT)) {
            case EligibilityTransport.Answered a
            when a.successful() ->
                new Anchors(new String(a.body(), StandardCharsets.US_ASCII)
                        .lines()
                        .filter(line -> !line.isBlank())
                        .toList());
            case EligibilityTransport.Answered a ->
                new NotSent(new Unavailable(UnavailableReason.SERVER_ERROR, "HTTP " + a.status()));
            case EligibilityTransport.Failed f -> new NotSent(f.unavailable());
        };
    }
}
