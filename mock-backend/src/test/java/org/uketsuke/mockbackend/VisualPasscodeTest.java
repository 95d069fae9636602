package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.VisualAttestation;
import org.uketsuke.eligibility.VisualPasscode;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.TerminalSigner;
import org.uketsuke.eligibility.client.TlsMaterial;

/** Visual-check passcodes (OQS-IF-049/050): tied to a staff member and a terminal, short-lived, single use. */
class VisualPasscodeTest {

    @TempDir
    static Path state;

    private static final MovingClock clock = new MovingClock();
    private static MockBackend backend;
    private static HttpsEligibilityClient client;

    @BeforeAll
    static void start() {
        backend = MockBackend.start(new MockBackendConfig(state, 0, 17L, 20), clock);
        client = new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    /** A visual confirmation of this card by {@code staffId} under {@code passcode}, signed by the terminal. */
    private static ConfirmationOutcome visual(
            HttpsEligibilityClient via, TlsMaterial terminal, IssuedCard card, String staffId, String passcode)
            throws Exception {
        byte[] nonce = TestCards.nonce(via);
        VisualAttestation attestation = new VisualAttestation(
                nonce, TestCards.sha256(card.authCertDer()), TestCards.statement(via, nonce), staffId, passcode);
        return via.confirmByCard(new CardConfirmationRequest(
                card.authCertDer(),
                nonce,
                TerminalSigner.sign(terminal, attestation.bytes()),
                IdentityMethod.VISUAL,
                Consents.none(),
                "visual",
                attestation));
    }

    @Test
    void aPasscodeIsIssuedToTheStaffMemberForAFewMinutes() throws Exception {
        VisualPasscode passcode = TestCards.passcode(client, "staff-07");
        assertThat(passcode.staffId()).isEqualTo("staff-07");
        assertThat(passcode.passcode()).matches("[0-9]{8}");
        assertThat(passcode.expiresAt())
                .isEqualTo(clock.instant().plus(VisualPasscodes.LIFETIME).truncatedTo(ChronoUnit.SECONDS));
        assertThat(passcode.toString()).doesNotContain(passcode.passcode());
        assertThat(TestCards.passcode(client, "staff-07").passcode()).isNotEqualTo(passcode.passcode());
    }

    @Test
    void aVisualConfirmationWithItsPasscodeConfirmsOnceThenThePasscodeIsUsed() throws Exception {
        IssuedCard card = backend.issueCard(3);
        VisualPasscode passcode = TestCards.passcode(client, "staff-07");
        assertThat(visual(client, backend.terminalTls(), card, "staff-07", passcode.passcode()))
                .isInstanceOf(ConfirmationOutcome.Confirmed.class);
        assertThat(reason(visual(client, backend.terminalTls(), card, "staff-07", passcode.passcode())))
                .isEqualTo(RejectionReason.PASSCODE_USED);
    }

    @Test
    void aWrongPasscodeOrAnotherStaffMembersPasscodeIsInvalid() throws Exception {
        IssuedCard card = backend.issueCard(4);
        assertThat(reason(visual(client, backend.terminalTls(), card, "staff-07", "WRONG123")))
                .isEqualTo(RejectionReason.PASSCODE_INVALID);
        VisualPasscode forSeven = TestCards.passcode(client, "staff-07");
        assertThat(reason(visual(client, backend.terminalTls(), card, "staff-08", forSeven.passcode())))
                .isEqualTo(RejectionReason.PASSCODE_INVALID);
        assertThat(visual(client, backend.terminalTls(), card, "staff-07", forSeven.passcode()))
                .as("a refused attempt by someone else does not use the passcode up")
                .isInstanceOf(ConfirmationOutcome.Confirmed.class);
    }

    @Test
    void aPasscodeIssuedToAnotherTerminalIsInvalidHere() throws Exception {
        IssuedCard card = backend.issueCard(5);
        TlsMaterial otherClinic = backend.issueTerminal("1315550001");
        HttpsEligibilityClient other =
                new HttpsEligibilityClient(backend.baseUri(), otherClinic, Duration.ofSeconds(10));
        VisualPasscode theirs = TestCards.passcode(other, "staff-07");
        assertThat(reason(visual(client, backend.terminalTls(), card, "staff-07", theirs.passcode())))
                .isEqualTo(RejectionReason.PASSCODE_INVALID);
        assertThat(visual(other, otherClinic, card, "staff-07", theirs.passcode()))
                .isInstanceOf(ConfirmationOutcome.Confirmed.class);
    }

    @Test
    void aPasscodePastItsLifetimeHasExpired() throws Exception {
        IssuedCard card = backend.issueCard(6);
        VisualPasscode passcode = TestCards.passcode(client, "staff-09");
        VisualPasscode other = TestCards.passcode(client, "staff-09");
        clock.advance(VisualPasscodes.LIFETIME.minusSeconds(1));
        assertThat(visual(client, backend.terminalTls(), card, "staff-09", other.passcode()))
                .isInstanceOf(ConfirmationOutcome.Confirmed.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(reason(visual(client, backend.terminalTls(), card, "staff-09", passcode.passcode())))
                .isEqualTo(RejectionReason.PASSCODE_EXPIRED);
    }

    private static RejectionReason reason(ConfirmationOutcome outcome) {
        return TestCards.reason(outcome);
    }

    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

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
}
