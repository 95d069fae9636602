package org.uketsuke.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PinTest {

    @Test
    void clearingOverwritesTheDigitsAndTheyCannotBeReadAgain() {
        char[] typed = {'1', '2', '3', '4'};
        Pin pin = Pin.of(typed);
        char[] inside = pin.digits();
        assertThat(inside).containsExactly('1', '2', '3', '4');
        assertThat(inside).isNotSameAs(typed);
        pin.clear();
        assertThat(pin.isCleared()).isTrue();
        assertThat(inside).containsOnly('\0');
        assertThat(pin.digits()).isEmpty();
        // The pad's own array is the pad's to wipe; the holder copied it.
        assertThat(typed).containsExactly('1', '2', '3', '4');
    }

    @Test
    void noDigitEverShowsInTextOrInTheEventsAndCommandsThatCarryIt() {
        Pin pin = Pin.of("9876");
        assertThat(pin.toString()).doesNotContain("9", "8", "7", "6");
        assertThat(new VisitEvent.PinEntered(pin).toString()).doesNotContain("9876");
        assertThat(new VisitCommand.VerifyPin(pin).toString()).doesNotContain("9876");
        assertThat(String.valueOf(pin.hashCode()))
                .isEqualTo(String.valueOf(Pin.of("0000").hashCode()));
    }

    @Test
    void equalDigitsAreEqualUntilCleared() {
        Pin a = Pin.of("1234");
        assertThat(a).isEqualTo(Pin.of("1234")).isNotEqualTo(Pin.of("1235")).isNotEqualTo(Pin.of("12345"));
        a.clear();
        assertThat(a).isNotEqualTo(Pin.of("1234")).isEqualTo(a);
    }

    @Test
    void theFlowHandsTheSameHolderToVerify() {
        Pin pin = Pin.of("1234");
        VisitFlow flow = new VisitFlow();
        flow.on(new VisitEvent.CardPlaced());
        flow.on(new VisitEvent.CardReady(3));
        Transition verify = flow.on(new VisitEvent.PinEntered(pin));
        assertThat(verify.commands())
                .singleElement()
                .isInstanceOfSatisfying(
                        VisitCommand.VerifyPin.class,
                        command -> assertThat(command.pin()).isSameAs(pin));
    }
}
