package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.uketsuke.bridge.DeliveryStatus;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/** 一括照会 through the real client, backend and store: every valid answer lands once in the レセコン store. */
class BatchPreCheckTest {

    @TempDir
    Path dir;

    @Test
    void theBookedPatientsOfADayAreConfirmedAndStored() throws Exception {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 9L, 40));
                RececonBridge bridge = VisitStepFixture.store(dir)) {
            List<InsuranceSearch> booked = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Qualification q = backend.person(i);
                booked.add(new InsuranceSearch(q.card(), q.birthdate(), false, "b" + i));
            }
            Qualification moved = backend.person(31);
            booked.add(new InsuranceSearch(moved.card(), moved.birthdate().plusYears(1), false, "b-moved"));
            BatchPreCheck check = new BatchPreCheck(
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10)),
                    bridge,
                    Clock.systemUTC());

            BatchPreCheck.Summary summary = check.run(booked, Duration.ofSeconds(30));

            assertThat(summary.failure()).isNull();
            assertThat(summary.confirmed()).isEqualTo(30);
            assertThat(summary.rejected()).isEqualTo(1);
            assertThat(bridge.statuses()).hasSize(30).allMatch(s -> s.state() == DeliveryStatus.State.DELIVERED);
        }
    }

    /**
     * Asked again when the rest should be done at the rate so far (500 of 1,000 in 300 ms: in 300 ms, not 640), within
     * a quarter of the pause (almost done: not every few ms) and the whole pause; with no progress yet, the pause.
     */
    @ParameterizedTest
    @CsvSource({"640, 500, 300, 300", "640, 990, 600, 160", "80, 500, 5000, 80", "40, 0, 100, 40"})
    void theNextPollFollowsTheBatchsProgressWithinItsBounds(long pause, int done, long elapsed, long expected) {
        assertThat(BatchPreCheck.nextPoll(pause, new BatchStatus.Processing("r", done, 1_000), elapsed))
                .isEqualTo(expected);
    }
}
