package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.RetryPolicy;

/**
 * The client's bounded retries against the real backend's fault injection: idempotent calls (batch status) are tried
 * again, confirmations never — counted on the backend's side.
 */
class ClientRetryTest {

    @TempDir
    static Path state;

    private static MockBackend backend;
    private static HttpsEligibilityClient client;
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(80));

    @BeforeAll
    static void start() {
        backend = MockBackend.start(new MockBackendConfig(state, 0, 29L, 20));
        client = new HttpsEligibilityClient(
                backend.baseUri(),
                backend.terminalTls(),
                Duration.ofSeconds(10),
                "1311234567",
                Clock.systemUTC(),
                QUICK);
    }

    @AfterEach
    void clear() {
        backend.injectFault(new Fault.None(), 0);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static String submitted() throws Exception {
        Qualification q = backend.person(1);
        return TestCards.submit(client, List.of(new InsuranceSearch(q.card(), q.birthdate(), false, "r")));
    }

    @Test
    void aBatchStatusPollIsTriedAgainAfterMaintenanceAnswers() throws Exception {
        String reception = submitted();
        int before = backend.requests("/oqs/v1/batch/status");
        backend.injectFault(new Fault.Status(503), 2);
        BatchStatus status = client.batchStatus(reception);
        assertThat(status).isInstanceOfAny(BatchStatus.Processing.class, BatchStatus.Done.class);
        assertThat(backend.requests("/oqs/v1/batch/status") - before).isEqualTo(3);
    }

    @Test
    void aBatchStatusPollIsTriedAgainAfterADroppedConnection() throws Exception {
        String reception = submitted();
        int before = backend.requests("/oqs/v1/batch/status");
        backend.injectFault(new Fault.Reset(), 1);
        assertThat(client.batchStatus(reception)).isInstanceOfAny(BatchStatus.Processing.class, BatchStatus.Done.class);
        assertThat(backend.requests("/oqs/v1/batch/status") - before).isEqualTo(2);
    }

    @Test
    void retriesAreBoundedAndTheLastFailureStands() throws Exception {
        String reception = submitted();
        int before = backend.requests("/oqs/v1/batch/status");
        backend.injectFault(new Fault.Status(503), 10);
        assertThat(client.batchStatus(reception)).isInstanceOfSatisfying(Unavailable.class, u -> {
            assertThat(u.reason()).isEqualTo(UnavailableReason.SERVER_ERROR);
            assertThat(u.diagnostic()).contains("503");
        });
        assertThat(backend.requests("/oqs/v1/batch/status") - before).isEqualTo(QUICK.maxAttempts());
    }

    @Test
    void aClientErrorIsNotTriedAgain() throws Exception {
        int before = backend.requests("/oqs/v1/batch/status");
        assertThat(client.batchStatus("R000000000000"))
                .isInstanceOfSatisfying(
                        BatchStatus.Failed.class, f -> assertThat(f.reason()).contains("404"));
        assertThat(backend.requests("/oqs/v1/batch/status") - before).isEqualTo(1);
    }

    @Test
    void aConfirmationIsNeverTriedAgain() throws Exception {
        IssuedCard card = backend.issueCard(2);
        int before = backend.requests("/oqs/v1/confirm/card");
        backend.injectFault(new Fault.Status(503), 1);
        assertThat(TestCards.confirmWithPin(client, card))
                .isInstanceOfSatisfying(
                        Unavailable.class, u -> assertThat(u.reason()).isEqualTo(UnavailableReason.SERVER_ERROR));
        assertThat(backend.requests("/oqs/v1/confirm/card") - before).isEqualTo(1);

        backend.injectFault(new Fault.Reset(), 1);
        Qualification q = backend.person(2);
        before = backend.requests("/oqs/v1/confirm/insurance");
        assertThat(client.confirmByInsurance(new InsuranceSearch(q.card(), q.birthdate(), false, "once")))
                .isInstanceOf(Unavailable.class);
        assertThat(backend.requests("/oqs/v1/confirm/insurance") - before).isEqualTo(1);
    }
}
