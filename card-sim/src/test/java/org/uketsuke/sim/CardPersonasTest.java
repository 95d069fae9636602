package org.uketsuke.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uketsuke.reader.TestCards;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.jpki.PinCheck;
import org.uketsuke.reader.jpki.TokenKind;
import org.uketsuke.reader.sim.CardBehaviour;
import org.uketsuke.reader.sim.CardPersona;
import org.uketsuke.reader.sim.CardPersonas;
import org.uketsuke.reader.sim.VirtualCardTransport;

/** personas.properties, as the simulator, the CLI and the tests read it. */
class CardPersonasTest {

    @Test
    void theFileListsEveryPersonaOnceInItsOrder() {
        assertThat(CardPersonas.all())
                .extracting(CardPersona::name)
                .containsExactly(
                        "patient",
                        "expired",
                        "revoked",
                        "unregistered",
                        "blocked-pin",
                        "smartphone",
                        "smartphone-ios",
                        "juki",
                        "slow",
                        "extended",
                        "pulled",
                        "garbage",
                        "face-only",
                        "expiring",
                        "expired-recently",
                        "smartphone-expired",
                        "new-insurance");
        assertThat(CardPersonas.byName("new-insurance").orElseThrow().person())
                .as("the registration lag's person of the mock population")
                .hasValue(47);
        assertThat(CardPersonas.byName("patient").orElseThrow().person()).isEmpty();
        assertThat(CardPersonas.byName("unregistered").orElseThrow().description())
                .contains("保険証利用登録");
        assertThat(CardPersonas.byName("nobody")).isEmpty();
    }

    @Test
    void aPersonaMakesTheCardItDescribes() throws Exception {
        try (ApduTransport android = VirtualCardTransport.open(
                CardPersonas.byName("smartphone").orElseThrow().card(TestCards.personalisation()))) {
            assertThat(new JpkiCard(android).identify()).isEqualTo(TokenKind.SMARTPHONE_ANDROID);
        }
        try (ApduTransport blocked = VirtualCardTransport.open(
                CardPersonas.byName("blocked-pin").orElseThrow().card(TestCards.personalisation()))) {
            assertThat(new JpkiCard(blocked).verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Blocked());
        }
        try (ApduTransport faceOnly = VirtualCardTransport.open(
                CardPersonas.byName("face-only").orElseThrow().card(TestCards.personalisation()))) {
            assertThat(new JpkiCard(faceOnly).authPinTriesLeft()).isEqualTo(JpkiCard.NO_AUTH_PIN);
        }
        assertThat(CardPersonas.byName("pulled")
                        .orElseThrow()
                        .card(TestCards.personalisation())
                        .behaviour())
                .isEqualTo(CardBehaviour.normal().removedAfter(CardPersona.DEFAULT_PULLED_AFTER));
    }

    @Test
    void revokedUnregisteredAndSlowCardsTalkLikeThePatients() {
        assertThat(CardPersonas.all())
                .filteredOn(p -> !p.differsOnTheCard())
                .extracting(CardPersona::name)
                .containsExactly(
                        "revoked",
                        "unregistered",
                        "slow",
                        "expiring",
                        "expired-recently",
                        "smartphone-expired",
                        "new-insurance");
    }
}
