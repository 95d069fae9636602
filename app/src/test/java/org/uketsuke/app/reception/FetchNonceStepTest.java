package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;

/** The backend's nonce over mTLS (mock backend), fresh each time; an unreachable system is said so. */
class FetchNonceStepTest {

    @TempDir
    Path dir;

    @Test
    void eachSignatureGetsAFreshNonceAndAnOutageIsBackendUnavailable() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            FetchNonceStep step = new FetchNonceStep(fixture.client);
            VisitStep.Result first = step.run(VisitContext.EMPTY);
            VisitStep.Result second = step.run(first.visit());
            assertThat(first.event()).isEmpty();
            assertThat(first.visit().nonce()).isPresent();
            assertThat(second.visit().nonce().orElseThrow())
                    .isNotEqualTo(first.visit().nonce().orElseThrow());

            // Nothing listens on port 1: the system is unreachable.
            HttpsEligibilityClient unreachable = new HttpsEligibilityClient(
                    URI.create("https://127.0.0.1:1/"), fixture.backend.terminalTls(), Duration.ofSeconds(2));
            VisitStep.Result down = new FetchNonceStep(unreachable).run(VisitContext.EMPTY);
            assertThat(down.event()).contains(new VisitEvent.Failed(Problem.BACKEND_UNAVAILABLE));
            assertThat(down.visit().nonce()).isEmpty();
        }
    }
}
