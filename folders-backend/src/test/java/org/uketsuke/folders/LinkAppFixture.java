package org.uketsuke.folders;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.uketsuke.bridge.exchange.MedicalFolderExchange;
import org.uketsuke.bridge.exchange.RequestFolderExchange;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/**
 * The 連携アプリ's folder side for tests: the real mock backend over mTLS behind rececon-bridge's exchanges, which
 * answer {@code req} in {@code res} exactly as Uketsuke does for a レセコン (docs/rececon-integration.md).
 */
public final class LinkAppFixture implements AutoCloseable {

    public static final String INSTITUTION = "1311234567";

    public final MockBackend backend;
    public final HttpsEligibilityClient client;
    public final Path share;
    private AutoCloseable requests;
    private AutoCloseable medical;

    private static LinkAppFixture shared;

    /**
     * One backend for every test class of this module's run (its start is the costly part); its folders answered
     * every 25 ms. Stopped when the test JVM ends.
     */
    public static synchronized LinkAppFixture shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("link-app");
            shared = new LinkAppFixture(dir).answering(Duration.ofMillis(25));
        }
        return shared;
    }

    public LinkAppFixture(Path dir) {
        this.backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 4L, 20));
        this.client = new HttpsEligibilityClient(
                backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5), INSTITUTION, Clock.systemUTC());
        this.share = dir.resolve("share");
    }

    /** Starts answering {@code req} every {@code poll}. */
    public LinkAppFixture answering(Duration poll) {
        requests = new RequestFolderExchange(
                        share.resolve("req"), share.resolve("res"), client, INSTITUTION, Clock.systemUTC())
                .poll(poll);
        medical = new MedicalFolderExchange(
                        share.resolve("req"), share.resolve("res"), client, INSTITUTION, Clock.systemUTC())
                .poll(poll);
        return this;
    }

    public InsuranceSearch searchFor(int person, String id) {
        Qualification q = backend.person(person);
        return new InsuranceSearch(q.card(), q.birthdate(), false, id);
    }

    /** A real result message of the mock backend, as the 連携アプリ would write it into {@code face}. */
    public byte[] resultBytes(int person, String id) {
        ConfirmationOutcome outcome = client.confirmByInsurance(searchFor(person, id));
        if (!(outcome instanceof ConfirmationOutcome.Confirmed c)) {
            throw new IllegalStateException("person " + person + " not confirmed: " + outcome);
        }
        return c.received().orElseThrow().bytes();
    }

    @Override
    public void close() throws Exception {
        if (requests != null) {
            requests.close();
            medical.close();
        }
        backend.close();
    }
}
