package org.uketsuke.mockbackend;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What an endpoint answers, independent of the HTTP server: a status with a body, or a dropped connection. */
sealed interface Reply {

    /** An answer with this status, content type, body and further headers. */
    record Body(int status, String contentType, byte[] bytes, Map<String, String> headers) implements Reply {}

    /** No answer: the connection is closed (an injected reset). */
    record Reset() implements Reply {}

    static Reply text(int status, String text) {
        return new Body(status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Reply xml(byte[] xml) {
        return xml(200, xml);
    }

    static Reply xml(int status, byte[] xml) {
        return new Body(status, "application/xml; charset=UTF-8", xml, Map.of());
    }

    static Reply bytes(String contentType, byte[] bytes) {
        return new Body(200, contentType, bytes, Map.of());
    }
}
