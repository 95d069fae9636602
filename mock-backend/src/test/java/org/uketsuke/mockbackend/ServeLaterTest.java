package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;

/**
 * The demo's backend serves beside the windows' start ({@link MockBackend#startServingLater}): a terminal that asks
 * before it serves waits and is answered, over the real mTLS connection, instead of failing.
 */
class ServeLaterTest {

    /** One state for both: the test PKI and population are made once (the first start's key generation dominates). */
    @TempDir
    static Path state;

    @Test
    void aRequestMadeBeforeTheServerServesWaitsAndIsAnswered() throws Exception {
        try (MockBackend backend = MockBackend.startServingLater(new MockBackendConfig(state, 0, 7L, 5))) {
            HttpsEligibilityClient client =
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(20));
            CompletableFuture<byte[]> nonce = CompletableFuture.supplyAsync(() -> TestCards.nonce(client));
            // A refused connection (no bound port) would end the request at once, with an error.
            Thread.sleep(300);
            assertThat(nonce).as("the request waits for the server").isNotDone();

            backend.serve();

            assertThat(nonce.get(20, TimeUnit.SECONDS)).isNotEmpty();
        }
    }

    @Test
    void aBackendClosedBeforeItServedLetsGoOfItsPort() throws Exception {
        MockBackend backend = MockBackend.startServingLater(new MockBackendConfig(state, 0, 7L, 5));
        int port = backend.baseUri().getPort();
        backend.close();
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }
}
