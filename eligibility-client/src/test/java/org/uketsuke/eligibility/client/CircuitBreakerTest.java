package org.uketsuke.eligibility.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.Unavailable;

/** An outage fails fast after three failures in a row, and is tried again after the cool-down. */
class CircuitBreakerTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-24T01:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theBreakerOpensAfterThreeFailuresAndClosesOnSuccess() {
        MovingClock clock = new MovingClock();
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(15), clock);
        breaker.failure();
        breaker.failure();
        assertThat(breaker.allows()).isTrue();
        breaker.failure();
        assertThat(breaker.allows()).isFalse();
        clock.now = clock.now.plusSeconds(16);
        assertThat(breaker.allows()).as("one trial after the cool-down").isTrue();
        breaker.success();
        breaker.failure();
        assertThat(breaker.allows()).isTrue();
    }

    @Test
    void aDownBackendIsAnsweredWithoutWaitingOnceTheCircuitIsOpen() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort(); // closed again: nothing listens there
        }
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        MovingClock clock = new MovingClock();
        HttpsEligibilityClient client = new HttpsEligibilityClient(
                URI.create("https://127.0.0.1:" + deadPort + "/"),
                new TlsMaterial(empty, new char[0], empty),
                Duration.ofSeconds(2),
                "1311234567",
                clock);
        InsuranceSearch search = new InsuranceSearch(
                new InsuranceCardId(InsurerNumber.of("01130012"), "1", "2", "00"),
                LocalDate.of(1980, 1, 1),
                false,
                "x");
        for (int i = 0; i < 3; i++) {
            assertThat(client.confirmByInsurance(search))
                    .isInstanceOfSatisfying(
                            Unavailable.class, u -> assertThat(u.diagnostic()).doesNotContain("circuit open"));
        }
        assertThat(client.confirmByInsurance(search))
                .isInstanceOfSatisfying(
                        Unavailable.class, u -> assertThat(u.diagnostic()).contains("circuit open"));
        clock.now = clock.now.plusSeconds(16);
        assertThat(client.confirmByInsurance(search))
                .isInstanceOfSatisfying(
                        Unavailable.class,
                        u -> assertThat(u.diagnostic())
                                .as("tried again after the cool-down")
                                .doesNotContain("circuit open"));
    }
}
