package org.uketsuke.eligibility.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.InsuranceUseRegistration;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.ReferenceNumber;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.client.HttpsEligibilityClient.CertificateAuthority;
import org.uketsuke.eligibility.client.HttpsEligibilityClient.Download;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalOutcome;
import org.uketsuke.eligibility.medical.MedicalQuery;

/**
 * Every call of the client answers a refused connection and a silent server with the shared {@link Unavailable}
 * record (never an exception), against a real loopback socket: nothing listening, or a mutual-TLS server that reads
 * the request and never answers.
 */
class EveryCallAnswersUnavailableTest {

    private static final TestTlsCertificates PKI = new TestTlsCertificates("unavailable");
    private static final InsuranceCardId CARD =
            new InsuranceCardId(InsurerNumber.of("01130012"), "76986808", "4364326", "00");
    private static final LocalDate BIRTHDATE = LocalDate.of(1980, 2, 17);

    /** One call of the client, and where its outcome keeps the {@link Unavailable} (null: it does not). */
    static Stream<Named<Function<HttpsEligibilityClient, Unavailable>>> calls() {
        InsuranceSearch search = new InsuranceSearch(CARD, BIRTHDATE, false, "s");
        ReferenceRegistration registration = new ReferenceRegistration(CARD, BIRTHDATE, ReferenceNumber.of("K-0012"));
        return Stream.of(
                Named.of("nonce", c -> shared(c.nonce())),
                Named.of(
                        "confirmByCard",
                        c -> shared(c.confirmByCard(new CardConfirmationRequest(
                                new byte[] {0x30},
                                new byte[32],
                                new byte[256],
                                IdentityMethod.PIN,
                                Consents.all(Consent.YES),
                                "f")))),
                Named.of("confirmByInsurance", c -> shared(c.confirmByInsurance(search))),
                Named.of("submitBatch", c -> shared(c.submitBatch(List.of(search)))),
                Named.of("batchStatus", c -> shared(c.batchStatus("R0001"))),
                Named.of(
                        "registerForInsuranceUse",
                        c -> shared(c.registerForInsuranceUse(
                                new InsuranceUseRegistration(new byte[] {0x30}, new byte[32], new byte[256])))),
                Named.of("visualCheckPasscode", c -> shared(c.visualCheckPasscode("staff-07"))),
                Named.of(
                        "registerReferenceNumbers",
                        c -> sameForAll(c.registerReferenceNumbers(List.of(registration, registration)))),
                Named.of("medicalRecords", c -> notAnswered(c.medicalRecords(query()))),
                Named.of("medicalPdf", c -> notAnswered(c.medicalPdf(query()))),
                Named.of("revocationList", c -> notReceived(c.revocationList(CertificateAuthority.JPKI))),
                Named.of("ocsp", c -> notReceived(c.ocsp(new byte[] {0x30, 0}))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void aRefusedConnectionIsUnreachable(Function<HttpsEligibilityClient, Unavailable> call) throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort(); // closed again: nothing listens there
        }
        HttpsEligibilityClient client =
                client(URI.create("https://127.0.0.1:" + deadPort + "/"), Duration.ofSeconds(2));

        Unavailable unavailable = call.apply(client);

        assertThat(unavailable).isNotNull();
        assertThat(unavailable.reason()).isEqualTo(UnavailableReason.UNREACHABLE);
        assertThat(unavailable.diagnostic()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void aServerThatNeverAnswersIsATimeout(Function<HttpsEligibilityClient, Unavailable> call) throws Exception {
        try (ScriptedHttpsServer silent = new ScriptedHttpsServer(PKI.serverContext())) {
            for (int i = 0; i < 3; i++) {
                silent.answer(new ScriptedHttpsServer.Answer.Silence());
            }
            HttpsEligibilityClient client = client(silent.baseUri(), Duration.ofSeconds(1));

            Unavailable unavailable = call.apply(client);

            assertThat(unavailable).isNotNull();
            assertThat(unavailable.reason()).isEqualTo(UnavailableReason.TIMEOUT);
            assertThat(eventuallyReceived(silent))
                    .as("the request reached the server")
                    .isTrue();
        }
    }

    /** The server records a request once it has read it, on its own thread: wait a little for a loaded machine. */
    private static boolean eventuallyReceived(ScriptedHttpsServer server) throws InterruptedException {
        for (int i = 0; i < 100 && server.received().isEmpty(); i++) {
            Thread.sleep(50);
        }
        return !server.received().isEmpty();
    }

    private static HttpsEligibilityClient client(URI uri, Duration timeout) {
        return new HttpsEligibilityClient(
                uri,
                PKI.terminalTls(),
                timeout,
                "1311234567",
                Clock.systemUTC(),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20)));
    }

    private static MedicalQuery query() {
        return MedicalQuery.all(CARD, MedicalCategory.DRUG);
    }

    private static Unavailable shared(Object outcome) {
        return outcome instanceof Unavailable unavailable ? unavailable : null;
    }

    private static Unavailable sameForAll(List<RegistrationOutcome> outcomes) {
        assertThat(outcomes).hasSize(2).containsOnly(outcomes.getFirst());
        return shared(outcomes.getFirst());
    }

    private static Unavailable notAnswered(MedicalOutcome<?> outcome) {
        return outcome instanceof MedicalOutcome.NotAnswered<?> notAnswered ? notAnswered.unavailable() : null;
    }

    private static Unavailable notReceived(Download download) {
        return download instanceof Download.NotReceived notReceived ? notReceived.unavailable() : null;
    }
}
