package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.CardFace;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.face.camera.DemoFrames;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.reader.sim.CardFacePersonalisation;

/**
 * The programmable card and the relay (issue #25) played on the kiosk's real steps: a simulated chip on the driver, the
 * real face check with the recorded camera, the real client and mock backend over mTLS. The live face matches the chip
 * photo in both — only the card-face checks can stop them.
 */
class ForgedCardVisitTest {

    @TempDir
    Path dir;

    /** The victim's certificate; the card-face AP programmed with the victim's birth date and sex, the attacker's key. */
    @Test
    void aProgrammableCardIsRefusedByTheTerminalBeforeTheFaceMatch() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir, (backend, issued, collation) -> {
            KeyPair attackersIssuer = VisitStepFixture.rsa2048();
            KeyPair key = VisitStepFixture.rsa2048();
            DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
            String birth = yyyymmdd.format(issued.expected().birthdate());
            String sex = issued.expected().sex().code();
            String expiry = yyyymmdd.format(VisitStepFixture.CARD_EXPIRY);
            byte[] photo = DemoFrames.chipPhotoJp2();
            try {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(attackersIssuer.getPrivate());
                rsa.update(CardFace.signedBytes(
                        birth,
                        sex,
                        key.getPublic().getEncoded(),
                        MessageDigest.getInstance("SHA-256").digest(photo),
                        expiry));
                return new CardFacePersonalisation(collation.value(), birth, sex, photo, expiry, key, rsa.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        })) {
            VisitStep.Result result =
                    new MatchFaceStep(fixture.services.faceCheck(), fixture.collationNumberB).run(fixture.cardRead());
            assertThat(result.event()).contains(new VisitEvent.Failed(Problem.CARD_NOT_GENUINE));
            assertThat(result.visit().proof()).isEmpty();
            new EndVisitStep().run(result.visit());
        }
    }

    /** The victim's certificate; the card-face AP answered by the attacker's own genuine card (same face, in the test). */
    @Test
    void aRelayedCardFaceOfSomeoneElseIsRefusedByTheBackendWithItsOwnReason() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(
                dir,
                (backend, issued, collation) ->
                        VisitStepFixture.faceOf(backend, otherPerson(backend, issued.expected()), collation))) {
            VisitStep.Result matched =
                    new MatchFaceStep(fixture.services.faceCheck(), fixture.collationNumberB).run(fixture.cardRead());
            assertThat(matched.event())
                    .as("the terminal cannot tell: the card face is genuine and the face matches its photo")
                    .contains(new VisitEvent.FaceMatched());
            VisitContext signed =
                    fixture.signed(matched.visit().withConsents(Consents.all(Consent.NO), Optional.empty()));
            VisitStep.Result refused = new ConfirmStep(fixture.client, fixture.records).run(signed);
            assertThat(refused.event()).contains(new VisitEvent.Failed(Problem.CARD_FACE_MISMATCH));
            new EndVisitStep().run(refused.visit());
        }
    }

    @Test
    void theGenuineCardIsConfirmedOnTheFacePath() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            VisitStep.Result matched =
                    new MatchFaceStep(fixture.services.faceCheck(), fixture.collationNumberB).run(fixture.cardRead());
            assertThat(matched.event()).contains(new VisitEvent.FaceMatched());
            VisitContext signed =
                    fixture.signed(matched.visit().withConsents(Consents.all(Consent.NO), Optional.empty()));
            VisitStep.Result confirmed = new ConfirmStep(fixture.client, fixture.records).run(signed);
            assertThat(confirmed.visit().confirmed()).isPresent();
            new EndVisitStep().run(confirmed.visit());
        }
    }

    private static Qualification otherPerson(MockBackend backend, Qualification victim) {
        for (int i = 0; i < backend.people(); i++) {
            Qualification q = backend.person(i);
            if (!q.birthdate().equals(victim.birthdate()) || q.sex() != victim.sex()) {
                return q;
            }
        }
        throw new AssertionError("the population has no one else");
    }
}
