package org.uketsuke.mockbackend;

import java.time.Duration;

/**
 * A fault the mock backend injects into its next answers (off by default): what a terminal meets on a bad day.
 * Set per run with {@link MockBackend#injectFault}, or over HTTP with {@code POST /admin/fault} (body: the spec
 * understood by {@link #parse}).
 */
public sealed interface Fault {

    /** Answer normally. */
    record None() implements Fault {}

    /** Answer normally, but only after this long. */
    record Latency(Duration delay) implements Fault {}

    /** Answer with this HTTP status and no result (e.g. 503 during maintenance). */
    record Status(int code) implements Fault {}

    /** Drop the connection without answering. */
    record Reset() implements Fault {}

    /** Answer 200 with a result message cut in half. */
    record Malformed() implements Fault {}

    /** Refuse the nonce as if it had been used or had expired. */
    record WrongNonce() implements Fault {}

    /**
     * Serve a TLS server certificate that expired yesterday (same names, same CA) to every new connection until
     * another fault (or {@link None}) is injected: terminals must refuse the handshake. Connections already open keep
     * their session.
     */
    record ExpiredServerCertificate() implements Fault {}

    /** {@code none}, {@code latency=MILLIS}, {@code status=CODE}, {@code reset}, {@code malformed}, {@code wrong-nonce},
     * {@code expired-certificate}. */
    static Fault parse(String spec) {
        String s = spec.strip();
        if (s.startsWith("latency=")) {
            return new Latency(Duration.ofMillis(Long.parseLong(s.substring("latency=".length()))));
        }
        if (s.startsWith("status=")) {
            return new Status(Integer.parseInt(s.substring("status=".length())));
        }
        return switch (s) {
            case "none", "" -> new None();
            case "reset" -> new Reset();
            case "malformed" -> new Malformed();
            case "wrong-nonce" -> new WrongNonce();
            case "expired-certificate" -> new ExpiredServerCertificate();
            default -> throw new IllegalArgumentException("unknown fault: " + spec);
        };
    }
}
