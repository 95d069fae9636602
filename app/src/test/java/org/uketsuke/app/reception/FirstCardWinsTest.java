package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.reception.FirstCardWins.Outcome;
import org.uketsuke.reader.api.ReaderEvent;

/** A kiosk with the card reader and an NFC reader for phones: the reader watcher's events, in order. */
class FirstCardWinsTest {

    private static final String CARD_READER = "Virtual PCD 00 00";
    private static final String NFC_READER = "Virtual PCD 00 01";

    private final FirstCardWins first = new FirstCardWins(List.of(CARD_READER, NFC_READER));

    @Test
    void aSecondCardWhileAVisitRunsWaitsAndIsTheNextVisitsCard() {
        assertThat(first.on(new ReaderEvent.CardInserted(NFC_READER)))
                .as("a phone first: the NFC reader wins")
                .containsExactly(new Outcome.Placed(NFC_READER));
        assertThat(first.on(new ReaderEvent.CardInserted(CARD_READER)))
                .as("the card on the other reader is not read, the kiosk says it waits")
                .containsExactly(new Outcome.Waiting(List.of(CARD_READER), Optional.of(NFC_READER)));
        assertThat(first.active()).contains(NFC_READER);

        assertThat(first.on(new ReaderEvent.CardRemoved(NFC_READER)))
                .containsExactly(
                        new Outcome.Removed(NFC_READER),
                        new Outcome.Waiting(List.of(), Optional.of(CARD_READER)),
                        new Outcome.Placed(CARD_READER));
        assertThat(first.active()).contains(CARD_READER);
    }

    @Test
    void aWaitingCardTakenOffIsForgottenAndTheVisitGoesOn() {
        first.on(new ReaderEvent.CardInserted(CARD_READER));
        first.on(new ReaderEvent.CardInserted(NFC_READER));
        assertThat(first.on(new ReaderEvent.CardRemoved(NFC_READER)))
                .containsExactly(new Outcome.Waiting(List.of(), Optional.of(CARD_READER)));
        assertThat(first.on(new ReaderEvent.CardRemoved(CARD_READER)))
                .containsExactly(new Outcome.Removed(CARD_READER));
        assertThat(first.active()).isEmpty();
    }

    @Test
    void aReaderOutsideTheConfigurationIsIgnored() {
        assertThat(first.on(new ReaderEvent.CardInserted("Some Other Reader 00 00")))
                .isEmpty();
        assertThat(first.on(new ReaderEvent.ServiceDown("gone"))).isEmpty();
        assertThat(first.active()).isEmpty();
    }
}
