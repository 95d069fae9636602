package org.uketsuke.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.CardFace;
import org.uketsuke.eligibility.CollationNumberB;
import org.uketsuke.face.camera.DemoFrames;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.uketsuke.reader.pcsc.PcscReaders;
import org.uketsuke.reader.sim.CardFacePersonalisation;
import org.uketsuke.reader.sim.CardPersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VpcdConnector;
import picocli.CommandLine;

/**
 * {@code demo --headless --once --reader pcsc --reader-name NAME}: the demo against a card it did not start, here a
 * simulator someone else put behind the real pcscd (vpcd). The card's PIN and 照合番号B come from the environment.
 */
class DemoOutsideCardVpcdTest {

    private static final LocalDate EXPIRY = LocalDate.of(2035, 2, 17);

    @TempDir
    Path dataDir;

    /** The demo backend's own card for person 0 (its state persists), placed on vpcd from outside the demo. */
    private record Outside(MyNumberCardSimulator card, String pin, String collationNumberB) {}

    private Outside outsideCard(boolean issuerSigned) throws Exception {
        try (MockBackend backend =
                MockBackend.start(new MockBackendConfig(dataDir.resolve("mock-backend"), 0, 42L, 50))) {
            IssuedCard issued = backend.issueCard(0);
            String collation = CollationNumberB.of(issued.expected().birthdate(), EXPIRY.getYear(), "2285", false)
                    .value();
            DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
            String birth = yyyymmdd.format(issued.expected().birthdate());
            String sex = issued.expected().sex().code();
            String expiry = yyyymmdd.format(EXPIRY);
            KeyPair key = rsa2048();
            byte[] photo = DemoFrames.chipPhotoJp2();
            byte[] df28;
            if (issuerSigned) {
                df28 = backend.signCardFace(birth, sex, key.getPublic().getEncoded(), photo, expiry);
            } else {
                // A programmable card: the attacker signs the card face with a key of his own.
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(rsa2048().getPrivate());
                rsa.update(CardFace.signedBytes(
                        birth,
                        sex,
                        key.getPublic().getEncoded(),
                        MessageDigest.getInstance("SHA-256").digest(photo),
                        expiry));
                df28 = rsa.sign();
            }
            MyNumberCardSimulator card = new MyNumberCardSimulator(
                    new CardPersonalisation(
                            issued.authCertDer(), issued.authCaCertDer(), issued.authKey(), issued.pin()),
                    new CardFacePersonalisation(collation, birth, sex, photo, expiry, key, df28));
            return new Outside(card, issued.pin(), collation);
        }
    }

    private JsonNode headless(Outside outside, String method) throws Exception {
        DemoCommand demo = new DemoCommand();
        demo.environment = Map.of(
                "UKETSUKE_DEMO_PIN", outside.pin(), "UKETSUKE_DEMO_COLLATION_B", outside.collationNumberB())::get;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PcscReaders readers = new PcscReaders();
        // The previous visit's card must be gone from pcscd's view first: vpcd reports a reconnect only at its next
        // poll, and a card that pcscd saw "removed" after the demo started ended that visit with CARD_REMOVED.
        assertThat(readers.waitForCardAbsent(VpcdDemoCard.READER, Duration.ofSeconds(10)))
                .isTrue();
        try (VpcdConnector vpcd = new VpcdConnector(outside.card())) {
            vpcd.connect();
            assertThat(readers.waitForCardPresent(VpcdDemoCard.READER, Duration.ofSeconds(10)))
                    .isTrue();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            List<String> args = new ArrayList<>(List.of(
                    "--headless",
                    "--once",
                    "--reader",
                    "pcsc",
                    "--reader-name",
                    VpcdDemoCard.READER,
                    "--data-dir",
                    dataDir.toString(),
                    "--method",
                    method));
            new CommandLine(demo).execute(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        return new ObjectMapper().readTree(printed.lines().reduce((a, b) -> b).orElse("{}"));
    }

    @Test
    void aCardOnTheReaderThatTheDemoDidNotStartConfirmsWithThePinAndTheFace() throws Exception {
        Outside outside = outsideCard(true);
        JsonNode pin = headless(outside, "pin");
        assertThat(pin.path("status").asText()).as(pin.toString()).isEqualTo("CONFIRMED");
        JsonNode face = headless(outside, "face");
        assertThat(face.path("status").asText()).as(face.toString()).isEqualTo("CONFIRMED");
        assertThat(face.path("method").asText()).isEqualTo("FACE");
    }

    @Test
    void aProgrammableCardOnTheReaderIsRefusedOnTheFacePath() throws Exception {
        JsonNode face = headless(outsideCard(false), "face");
        assertThat(face.path("status").asText()).as(face.toString()).isEqualTo("PROBLEM");
        assertThat(face.path("problem").asText()).isEqualTo("CARD_NOT_GENUINE");
    }

    private static KeyPair rsa2048() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        return rsa.generateKeyPair();
    }
}
