package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.uketsuke.app.flow.CardKind;
import org.uketsuke.app.flow.Pin;
import org.uketsuke.app.flow.PresentedCard;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.audit.AuditLogException;
import org.uketsuke.eligibility.CertificateExpiry;
import org.uketsuke.eligibility.CollationNumberB;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.TerminalSigner;
import org.uketsuke.eligibility.client.TlsMaterial;
import org.uketsuke.face.camera.DemoFrames;
import org.uketsuke.face.pipeline.FaceVerifier;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.sim.CardFacePersonalisation;
import org.uketsuke.reader.sim.CardPersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VirtualCardTransport;

/**
 * What the step tests run on, all real: the mock backend over mTLS with a card it issued, that card in the virtual
 * card simulator (with its card-face AP), the SQLite レセコン store and an audit log in a temporary folder.
 */
final class VisitStepFixture implements AutoCloseable {

    static final String INSTITUTION = "1311234567";
    static final LocalDate CARD_EXPIRY = LocalDate.of(2035, 2, 17);
    static final String SECURITY_CODE = "2285";

    final MockBackend backend;
    final IssuedCard issued;
    final CollationNumberB collationNumberB;
    final MyNumberCardSimulator card;
    final VirtualCardSlot slot;
    final RececonBridge bridge;
    final HttpsEligibilityClient client;
    final Path auditFile;
    final ReceptionServices services;
    final VisitRecords records;
    final List<ReceptionRecord> history = new CopyOnWriteArrayList<>();

    /** How a test personalises the card-face AP of the card on the reader (the genuine one, or an attacker's). */
    @FunctionalInterface
    interface CardFaceMaker {
        CardFacePersonalisation make(MockBackend backend, IssuedCard issued, CollationNumberB collationNumberB);
    }

    private VisitStepFixture(Path dir, boolean registered) throws AuditLogException {
        this(dir, registered, VisitStepFixture::genuineFace);
    }

    private VisitStepFixture(Path dir, boolean registered, CardFaceMaker faces) throws AuditLogException {
        this(dir, registered, faces, MockBackend::terminalTls);
    }

    private VisitStepFixture(
            Path dir, boolean registered, CardFaceMaker faces, Function<MockBackend, TlsMaterial> terminalKey)
            throws AuditLogException {
        backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 7L, 20));
        TlsMaterial tls = terminalKey.apply(backend);
        issued = registered ? backend.issueCard(0) : backend.issueUnregisteredCard(3);
        collationNumberB =
                CollationNumberB.of(issued.expected().birthdate(), CARD_EXPIRY.getYear(), SECURITY_CODE, false);
        card = new MyNumberCardSimulator(
                new CardPersonalisation(issued.authCertDer(), issued.authCaCertDer(), issued.authKey(), issued.pin()),
                faces.make(backend, issued, collationNumberB));
        slot = new VirtualCardSlot(inProcess(card));
        bridge = store(dir);
        client = new HttpsEligibilityClient(
                backend.baseUri(), tls, Duration.ofSeconds(10), INSTITUTION, Clock.systemUTC());
        auditFile = dir.resolve("audit.jsonl");
        services = new ReceptionServices(
                slot,
                client,
                bridge,
                Clock.systemUTC(),
                Optional.of(new FaceCheck(
                        DemoFrames.camera(),
                        FaceVerifier.defaults(),
                        backend.cardFaceIssuerCertificate().getPublicKey())),
                Optional.of(data -> TerminalSigner.sign(tls, data)),
                Optional.of(AuditTrail.open(auditFile, "kiosk-test", Clock.systemUTC(), false)));
        records = new VisitRecords(services);
        records.onRecord(history::add);
    }

    /** The レセコン side of a test: outbox, SQLite store and face folder in {@code dir}, for {@link #INSTITUTION}. */
    static RececonBridge store(Path dir) {
        return RececonBridge.open(new BridgeConfig(
                dir.resolve("outbox.db"),
                dir.resolve("rececon.db"),
                dir.resolve("face"),
                INSTITUTION,
                StandardCharsets.UTF_8));
    }

    /** The card face the test issuer personalises for this card: the demo photo, a fresh key, DF28 signed. */
    static CardFacePersonalisation genuineFace(
            MockBackend backend, IssuedCard issued, CollationNumberB collationNumberB) {
        return faceOf(backend, issued.expected(), collationNumberB);
    }

    /**
     * A card face of {@code holder} signed by the backend's test issuer, with the demo photo and a fresh key: the
     * genuine card face of whoever {@code holder} is (in a relay, someone other than the certificate's person).
     */
    static CardFacePersonalisation faceOf(
            MockBackend backend, Qualification holder, CollationNumberB collationNumberB) {
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        String birthDate = yyyymmdd.format(holder.birthdate());
        String sex = holder.sex().code();
        String expiry = yyyymmdd.format(CARD_EXPIRY);
        KeyPair key = rsa2048();
        byte[] photo = DemoFrames.chipPhotoJp2();
        return new CardFacePersonalisation(
                collationNumberB.value(),
                birthDate,
                sex,
                photo,
                expiry,
                key,
                backend.signCardFace(birthDate, sex, key.getPublic().getEncoded(), photo, expiry));
    }

    /** A registered card whose card-face AP the test personalises. */
    static VisitStepFixture start(Path dir, CardFaceMaker faces) throws AuditLogException {
        return new VisitStepFixture(dir, true, faces);
    }

    /** A registered card; the terminal's TLS identity and attestation key made by {@code terminalKey}. */
    static VisitStepFixture start(Path dir, Function<MockBackend, TlsMaterial> terminalKey) throws AuditLogException {
        return new VisitStepFixture(dir, true, VisitStepFixture::genuineFace, terminalKey);
    }

    /** A card registered for insurance use. */
    static VisitStepFixture start(Path dir) throws AuditLogException {
        return new VisitStepFixture(dir, true);
    }

    /** A card not yet registered for insurance use (保険証利用登録 is offered). */
    static VisitStepFixture startUnregistered(Path dir) throws AuditLogException {
        return new VisitStepFixture(dir, false);
    }

    /** The card on the reader and its session open, as after the read-card step. */
    VisitContext cardRead() {
        slot.insert();
        VisitStep.Result read = new ReadCardStep(slot, Clock.systemUTC()).run(VisitContext.EMPTY);
        assertThat(read.event()).containsInstanceOf(VisitEvent.CardReady.class);
        return read.visit();
    }

    /** The PIN verified: the card will sign. */
    VisitContext pinVerified() {
        VisitStep.Result verified = new VerifyPinStep(Pin.of(issued.pin()), Clock.systemUTC()).run(cardRead());
        assertThat(verified.event()).contains(new VisitEvent.PinVerified());
        return verified.visit().withConsents(Consents.all(Consent.NO), Optional.empty());
    }

    /** The given visit with a fresh nonce signed according to its proof. */
    VisitContext signed(VisitContext visit) {
        VisitStep.Result nonce = new FetchNonceStep(client).run(visit);
        assertThat(nonce.event()).isEmpty();
        VisitStep.Result signed = signer().run(nonce.visit());
        assertThat(signed.event()).isEmpty();
        return signed.visit();
    }

    /** The given visit with a fresh nonce signed by the card for 保険証利用登録. */
    VisitContext signedForRegistration(VisitContext visit) {
        VisitStep.Result nonce = new FetchNonceStep(client).run(visit);
        VisitStep.Result signed = SignNonceStep.forRegistration(client, services.terminalSigner(), Clock.systemUTC())
                .run(nonce.visit());
        assertThat(signed.event()).isEmpty();
        return signed.visit();
    }

    SignNonceStep signer() {
        return new SignNonceStep(client, services.terminalSigner(), Clock.systemUTC());
    }

    @Override
    public void close() {
        slot.close();
        bridge.close();
        backend.close();
    }

    /** The simulator in the slot, talked to through the driver's own guarded transport. */
    static VirtualCardSlot.Card inProcess(MyNumberCardSimulator card) {
        return new VirtualCardSlot.Card() {
            @Override
            public void reset() {
                card.reset();
            }

            @Override
            public ApduTransport open() {
                return VirtualCardTransport.open(card);
            }
        };
    }

    static KeyPair rsa2048() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return rsa.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event reading this fixture's card ends in: a My Number card with its PIN and its certificate's expiry. */
    VisitEvent.CardReady cardReady(int pinTriesLeft) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(issued.authCertDer()));
            return new VisitEvent.CardReady(
                    pinTriesLeft,
                    new PresentedCard(
                            CardKind.MY_NUMBER_CARD,
                            CertificateExpiry.of(certificate.getNotAfter().toInstant(), Instant.now())));
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
