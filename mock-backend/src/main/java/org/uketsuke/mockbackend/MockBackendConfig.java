package org.uketsuke.mockbackend;

import java.nio.file.Path;
import java.util.Objects;

/**
 * @param stateDir where the test CAs, certificates and the population database live (made on first start)
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param seed seed of the generated population (same seed, same people)
 * @param people how many insured people to generate
 * @param expiredServerCertificate serve a TLS certificate that expired yesterday (a fault: terminals must refuse it)
 */
public record MockBackendConfig(Path stateDir, int port, long seed, int people, boolean expiredServerCertificate) {

    public MockBackendConfig {
        Objects.requireNonNull(stateDir, "stateDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (people < 1) {
            throw new IllegalArgumentException("at least one person");
        }
    }

    /** A backend with a valid server certificate. */
    public MockBackendConfig(Path stateDir, int port, long seed, int people) {
        this(stateDir, port, seed, people, false);
    }
}
