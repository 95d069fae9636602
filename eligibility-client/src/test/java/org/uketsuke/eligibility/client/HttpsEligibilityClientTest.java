package org.uketsuke.eligibility.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultCodes;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * The client at its boundary: what it sends, and how every kind of answer (or silence) becomes a typed outcome.
 * A scripted HTTPS server with mandatory client certificates stands in for the backend.
 */
class HttpsEligibilityClientTest {

    private static final TestTlsCertificates PKI = new TestTlsCertificates("boundary");
    private static final Qualification HANAKO = new Qualification(
            new InsuranceCardId(InsurerNumber.of("01130012"), "76986808", "4364326", "00"),
            "全国健康保険協会東京支部",
            "受付　花子",
            "ｳｹﾂｹ ﾊﾅｺ",
            LocalDate.of(1980, 2, 17),
            Sex.FEMALE,
            PersonalFamily.INSURED,
            new ContributionRatio(30),
            LocalDate.of(2020, 4, 1));

    private ScriptedHttpsServer server;
    private HttpsEligibilityClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedHttpsServer(PKI.serverContext());
        client = new HttpsEligibilityClient(server.baseUri(), PKI.terminalTls(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static CardConfirmationRequest request() {
        return new CardConfirmationRequest(
                new byte[] {0x30, 1, 2},
                new byte[32],
                new byte[256],
                IdentityMethod.PIN,
                Consents.all(Consent.YES),
                "e03d4add12f164bd8040");
    }

    private static byte[] confirmedXml(CharacterCode code) {
        return QualificationXml.write(
                ResultMessage.confirmed("20261124101500", "1311234567", "e03d4add12f164bd8040", HANAKO, null)
                        .withCharacterCode(code));
    }

    /** The reason of an outcome that must be {@link Unavailable}, whichever method answered it. */
    private static UnavailableReason unavailable(Object outcome) {
        assertThat(outcome).isInstanceOf(Unavailable.class);
        return ((Unavailable) outcome).reason();
    }

    @Test
    void theCardRequestIsPostedAsDocumentedWithARequestId() throws Exception {
        server.reply(200, "application/xml", confirmedXml(CharacterCode.UTF_8));

        ConfirmationOutcome outcome = client.confirmByCard(request());

        assertThat(outcome).isInstanceOfSatisfying(ConfirmationOutcome.Confirmed.class, c -> {
            assertThat(c.qualification()).isEqualTo(HANAKO);
            assertThat(c.received().orElseThrow().bytes())
                    .as("the answer's bytes, kept for the レセコン")
                    .isEqualTo(confirmedXml(CharacterCode.UTF_8));
        });
        ScriptedHttpsServer.Exchange sent = server.received().getFirst();
        assertThat(sent.requestLine()).isEqualTo("POST /oqs/v1/confirm/card HTTP/1.1");
        assertThat(sent.headers())
                .containsKey("x-request-id")
                .hasEntrySatisfying("content-type", type -> assertThat(type).startsWith("application/xml"));
        QualificationXml.CardRequest parsed = QualificationXml.parseCardRequest(sent.body());
        assertThat(parsed.request().authCertificateDer()).containsExactly(0x30, 1, 2);
        assertThat(parsed.request().consents()).isEqualTo(Consents.all(Consent.YES));
        assertThat(parsed.request().arbitraryFileIdentifier()).isEqualTo("e03d4add12f164bd8040");
    }

    @Test
    void aShiftJisAnswerIsReadByItsDeclaration() {
        server.reply(200, "application/xml", confirmedXml(CharacterCode.SHIFT_JIS));
        assertThat(client.confirmByCard(request()))
                .isInstanceOfSatisfying(
                        ConfirmationOutcome.Confirmed.class,
                        c -> assertThat(c.qualification().name()).isEqualTo("受付　花子"));
    }

    @Test
    void theNonceIsTheDecodedBase64OfTheAnswer() throws Exception {
        byte[] nonce = new byte[32];
        nonce[0] = 42;
        server.reply(200, "text/plain", Base64.getEncoder().encodeToString(nonce) + "\n");
        assertThat(client.nonce()).isEqualTo(new NonceOutcome.Issued(nonce));
        assertThat(server.received().getFirst().requestLine()).isEqualTo("POST /oqs/v1/nonce HTTP/1.1");
    }

    @Test
    void aNonceThatIsNotBase64OrTooShortIsAMalformedResponse() {
        server.reply(200, "text/plain", "not base64 at all!").reply(200, "text/plain", "AAEC");
        for (int i = 0; i < 2; i++) {
            assertThat(unavailable(client.nonce())).isEqualTo(UnavailableReason.MALFORMED_RESPONSE);
        }
    }

    @Test
    void aServerErrorIsUnavailableForTheNonceAndTheConfirmation() {
        server.reply(503, "text/plain", "maintenance").reply(500, "text/html", "<html>oops</html>");
        assertThat(unavailable(client.nonce())).isEqualTo(UnavailableReason.SERVER_ERROR);
        assertThat(unavailable(client.confirmByCard(request()))).isEqualTo(UnavailableReason.SERVER_ERROR);
    }

    @Test
    void aTruncatedOrForeignAnswerIsAMalformedResponse() {
        byte[] whole = confirmedXml(CharacterCode.UTF_8);
        server.reply(200, "application/xml", Arrays.copyOf(whole, whole.length / 2))
                .reply(200, "application/json", "{\"ok\":true}")
                .reply(200, "application/xml", "<html><body>proxy login</body></html>");
        for (int i = 0; i < 3; i++) {
            assertThat(unavailable(client.confirmByCard(request()))).isEqualTo(UnavailableReason.MALFORMED_RESPONSE);
        }
    }

    @Test
    void anAnswerCarryingExternalEntitiesIsRefusedAsMalformed() {
        server.reply(200, "application/xml", """
                <?xml version="1.0"?>
                <!DOCTYPE XmlMsg [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
                <XmlMsg><MessageHeader><ProcessExecutionTime>&secret;</ProcessExecutionTime>
                <SegmentOfResult>1</SegmentOfResult></MessageHeader><MessageBody/></XmlMsg>
                """.strip());
        ConfirmationOutcome outcome = client.confirmByCard(request());
        assertThat(outcome).isInstanceOfSatisfying(Unavailable.class, u -> {
            assertThat(u.reason()).isEqualTo(UnavailableReason.MALFORMED_RESPONSE);
            assertThat(u.diagnostic()).contains("DTD");
        });
    }

    @Test
    void aRequestTheBackendRefusesIsRejectedAsInvalidNotUnavailable() {
        server.reply(400, "text/plain", "malformed request: missing CardConfirmation\n");
        assertThat(client.confirmByCard(request()))
                .isEqualTo(new ConfirmationOutcome.Rejected(
                        RejectionReason.REQUEST_INVALID,
                        ResultCodes.codeOf(RejectionReason.REQUEST_INVALID),
                        "HTTP 400: malformed request: missing CardConfirmation"));
    }

    @Test
    void aRejectionResultIsPassedOnWithItsCode() {
        server.reply(
                200,
                "application/xml",
                QualificationXml.write(ResultMessage.rejected(
                        "20261124101500", "1311234567", "f", RejectionReason.CERTIFICATE_REVOKED, "電子証明書は失効しています。")));
        assertThat(client.confirmByCard(request()))
                .isInstanceOfSatisfying(
                        ConfirmationOutcome.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectionReason.CERTIFICATE_REVOKED));
    }

    @Test
    void silenceBeyondTheTimeoutIsATimeout() {
        HttpsEligibilityClient impatient =
                new HttpsEligibilityClient(server.baseUri(), PKI.terminalTls(), Duration.ofMillis(500));
        server.answer(new ScriptedHttpsServer.Answer.Silence()).answer(new ScriptedHttpsServer.Answer.Silence());
        assertThat(unavailable(impatient.confirmByCard(request()))).isEqualTo(UnavailableReason.TIMEOUT);
        assertThat(unavailable(impatient.nonce())).isEqualTo(UnavailableReason.TIMEOUT);
    }

    @Test
    void nothingListeningIsUnreachable() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        HttpsEligibilityClient nowhere = new HttpsEligibilityClient(
                URI.create("https://127.0.0.1:" + deadPort + "/"), PKI.terminalTls(), Duration.ofSeconds(2));
        assertThat(unavailable(nowhere.confirmByCard(request()))).isEqualTo(UnavailableReason.UNREACHABLE);
        assertThat(unavailable(nowhere.nonce())).isEqualTo(UnavailableReason.UNREACHABLE);
    }

    @Test
    void tls13IsSpokenWhenTheServerCanAndTls12OtherwiseOnly() throws Exception {
        server.reply(200, "text/plain", Base64.getEncoder().encodeToString(new byte[32]));
        assertThat(client.nonce()).isInstanceOf(NonceOutcome.Issued.class);
        assertThat(server.received().getFirst().protocol()).isEqualTo("TLSv1.3");

        try (ScriptedHttpsServer older = new ScriptedHttpsServer(PKI.serverContext(), "TLSv1.2");
                ScriptedHttpsServer ancient = new ScriptedHttpsServer(PKI.serverContext(), "TLSv1.1")) {
            older.reply(200, "text/plain", Base64.getEncoder().encodeToString(new byte[32]));
            assertThat(new HttpsEligibilityClient(older.baseUri(), PKI.terminalTls(), Duration.ofSeconds(2)).nonce())
                    .isInstanceOf(NonceOutcome.Issued.class);
            assertThat(older.received().getFirst().protocol()).isEqualTo("TLSv1.2");
            HttpsEligibilityClient toAncient =
                    new HttpsEligibilityClient(ancient.baseUri(), PKI.terminalTls(), Duration.ofSeconds(2));
            assertThat(unavailable(toAncient.nonce()))
                    .as("nothing older than TLS 1.2")
                    .isEqualTo(UnavailableReason.TLS_FAILURE);
        }
    }

    @Test
    void aServerCertificateFromAnotherCaIsATlsFailure() throws Exception {
        TestTlsCertificates stranger = new TestTlsCertificates("stranger");
        try (ScriptedHttpsServer impostor = new ScriptedHttpsServer(stranger.serverContext())) {
            HttpsEligibilityClient trusting =
                    new HttpsEligibilityClient(impostor.baseUri(), PKI.terminalTls(), Duration.ofSeconds(2));
            assertThat(unavailable(trusting.confirmByCard(request()))).isEqualTo(UnavailableReason.TLS_FAILURE);
            assertThat(impostor.received())
                    .as("nothing was sent to a server we do not trust")
                    .isEmpty();
        }
    }

    @Test
    void aTerminalWithoutAClientCertificateIsATlsFailure() throws Exception {
        try (ScriptedHttpsServer strict = new ScriptedHttpsServer(PKI.serverContext(), "TLSv1.2")) {
            HttpsEligibilityClient anonymous =
                    new HttpsEligibilityClient(strict.baseUri(), PKI.anonymousTls(), Duration.ofSeconds(2));
            assertThat(unavailable(anonymous.confirmByCard(request()))).isEqualTo(UnavailableReason.TLS_FAILURE);
            assertThat(unavailable(anonymous.nonce())).isEqualTo(UnavailableReason.TLS_FAILURE);
        }
    }

    @Test
    void afterThreeServerErrorsTheCircuitOpensAndNothingIsSent() {
        for (int i = 0; i < 3; i++) {
            server.reply(503, "text/plain", "maintenance");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(unavailable(client.confirmByCard(request()))).isEqualTo(UnavailableReason.SERVER_ERROR);
        }
        assertThat(client.confirmByCard(request())).isInstanceOfSatisfying(Unavailable.class, u -> {
            assertThat(u.reason()).isEqualTo(UnavailableReason.CIRCUIT_OPEN);
            assertThat(u.diagnostic()).contains("circuit open");
        });
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void aPlainTextErrorDoesNotLeakControlCharactersIntoTheMessage() {
        server.reply(403, "text/plain", "forbidden\u001b[31m red\u0007\nsecond line".getBytes(StandardCharsets.UTF_8));
        assertThat(client.confirmByCard(request()))
                .isInstanceOfSatisfying(
                        ConfirmationOutcome.Rejected.class,
                        r -> assertThat(r.message()).isEqualTo("HTTP 403: forbidden[31m red"));
    }

    @Test
    void aBatchPollIsRetriedWithTheSameRequestIdButAnUploadIsSentOnce() {
        HttpsEligibilityClient retrying = new HttpsEligibilityClient(
                server.baseUri(),
                PKI.terminalTls(),
                Duration.ofSeconds(5),
                "1311234567",
                Clock.systemUTC(),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20)));
        byte[] processing = QualificationXml.writeBatchStatus("R0001", "20261203101500", 1, 2, List.of(), null);
        server.reply(503, "text/plain", "maintenance")
                .reply(502, "text/plain", "gateway")
                .reply(200, "application/xml", processing);
        assertThat(retrying.batchStatus("R0001")).isEqualTo(new BatchStatus.Processing("R0001", 1, 2));
        var polls = server.received();
        assertThat(polls)
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.requestLine()).isEqualTo("POST /oqs/v1/batch/status HTTP/1.1"));
        assertThat(polls)
                .extracting(e -> e.headers().get("x-request-id"))
                .doesNotContainNull()
                .containsOnly(polls.getFirst().headers().get("x-request-id"));

        server.reply(503, "text/plain", "maintenance");
        InsuranceSearch search = new InsuranceSearch(HANAKO.card(), HANAKO.birthdate(), false, "b");
        assertThat(unavailable(retrying.submitBatch(List.of(search)))).isEqualTo(UnavailableReason.SERVER_ERROR);
        assertThat(server.received()).hasSize(4);
        assertThat(server.received().getLast().headers()).containsKey("x-request-id");
    }
}
