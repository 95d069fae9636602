package org.uketsuke.app.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.uketsuke.app.flow.VisitEvent.Cancelled;
import org.uketsuke.app.flow.VisitEvent.CardExpiryMismatch;
import org.uketsuke.app.flow.VisitEvent.CardFrontCaptured;
import org.uketsuke.app.flow.VisitEvent.CardFrontUnreadable;
import org.uketsuke.app.flow.VisitEvent.CardPlaced;
import org.uketsuke.app.flow.VisitEvent.CardReady;
import org.uketsuke.app.flow.VisitEvent.CardRemoved;
import org.uketsuke.app.flow.VisitEvent.CollationNumberRejected;
import org.uketsuke.app.flow.VisitEvent.Confirmed;
import org.uketsuke.app.flow.VisitEvent.ConsentsGiven;
import org.uketsuke.app.flow.VisitEvent.FaceChosen;
import org.uketsuke.app.flow.VisitEvent.FaceMatched;
import org.uketsuke.app.flow.VisitEvent.FacePathChosen;
import org.uketsuke.app.flow.VisitEvent.Failed;
import org.uketsuke.app.flow.VisitEvent.ManualEntryChosen;
import org.uketsuke.app.flow.VisitEvent.PinEntered;
import org.uketsuke.app.flow.VisitEvent.PinPathChosen;
import org.uketsuke.app.flow.VisitEvent.PinRejected;
import org.uketsuke.app.flow.VisitEvent.PinVerified;
import org.uketsuke.app.flow.VisitEvent.RegistrationAccepted;
import org.uketsuke.app.flow.VisitEvent.RegistrationDeclined;
import org.uketsuke.app.flow.VisitEvent.RegistrationOffered;
import org.uketsuke.app.flow.VisitEvent.StaffConfirmedVisually;
import org.uketsuke.app.flow.VisitEvent.StaffRefusedVisually;
import org.uketsuke.app.flow.VisitEvent.TimedOut;
import org.uketsuke.app.flow.VisitEvent.VisualCheckRequested;
import org.uketsuke.eligibility.CollationNumberB;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;

/**
 * Every (state, event) pair is decided, and as documented here: the events a state acts on change the screen or start
 * work, every other event changes nothing; each waiting state has its timeout in the table.
 */
class VisitFlowTableTest {

    private static final CollationNumberB DIGITS = new CollationNumberB("55021720352285");

    /** One event of every kind. */
    private static final List<VisitEvent> SAMPLES = List.of(
            new CardPlaced(),
            new CardRemoved(),
            new CardReady(3),
            new PinEntered("1234"),
            new FaceChosen(DIGITS),
            new VisualCheckRequested(),
            new StaffConfirmedVisually("staff-01"),
            new StaffRefusedVisually(),
            new FaceMatched(),
            new PinVerified(),
            new ConsentsGiven(Consents.all(Consent.NO)),
            new PinRejected(2),
            new Confirmed(SampleConfirmation.CONFIRMED),
            new Failed(Problem.CARD_UNREADABLE),
            new Cancelled(),
            new TimedOut(),
            new RegistrationOffered(),
            new RegistrationAccepted(),
            new RegistrationDeclined(),
            new FacePathChosen(),
            new ManualEntryChosen(),
            new PinPathChosen(),
            new CardFrontCaptured(DIGITS),
            new CardFrontUnreadable(),
            new CollationNumberRejected(2),
            new CardExpiryMismatch());

    private static final List<VisitEvent> PIN = List.of(new CardPlaced(), new CardReady(3));
    private static final List<VisitEvent> CONSENTS = concat(PIN, new PinEntered("1234"), new PinVerified());
    private static final List<VisitEvent> CONFIRMING = concat(CONSENTS, new ConsentsGiven(Consents.all(Consent.NO)));

    /** How the patient gets to each state. */
    private static final Map<VisitState, List<VisitEvent>> PATHS = new EnumMap<>(Map.ofEntries(
            Map.entry(VisitState.IDLE, List.of()),
            Map.entry(VisitState.READING_CARD, List.of(new CardPlaced())),
            Map.entry(VisitState.AWAITING_PIN, PIN),
            Map.entry(VisitState.AWAITING_STAFF_CHECK, concat(PIN, new VisualCheckRequested())),
            Map.entry(VisitState.MATCHING_FACE, concat(PIN, new FaceChosen(DIGITS))),
            Map.entry(VisitState.CAPTURING_CARD_FRONT, concat(PIN, new FacePathChosen())),
            Map.entry(VisitState.ENTERING_COLLATION_NUMBER, concat(PIN, new FacePathChosen(), new ManualEntryChosen())),
            Map.entry(
                    VisitState.FACE_PATH_FAILED,
                    concat(PIN, new FaceChosen(DIGITS), new Failed(Problem.FACE_NOT_MATCHED))),
            Map.entry(VisitState.VERIFYING_PIN, concat(PIN, new PinEntered("1234"))),
            Map.entry(VisitState.ASKING_CONSENTS, CONSENTS),
            Map.entry(VisitState.CONFIRMING, CONFIRMING),
            Map.entry(VisitState.OFFERING_REGISTRATION, concat(CONFIRMING, new RegistrationOffered())),
            Map.entry(
                    VisitState.REGISTERING, concat(CONFIRMING, new RegistrationOffered(), new RegistrationAccepted())),
            Map.entry(VisitState.SHOWING_RESULT, concat(CONFIRMING, new Confirmed(SampleConfirmation.CONFIRMED))),
            Map.entry(VisitState.SHOWING_PROBLEM, List.of(new CardPlaced(), new Failed(Problem.CARD_UNREADABLE)))));

    /** The events each state acts on; it ignores all others. */
    private static final Map<VisitState, Set<Class<? extends VisitEvent>>> ACTS_ON = new EnumMap<>(Map.ofEntries(
            Map.entry(VisitState.IDLE, Set.of(CardPlaced.class)),
            Map.entry(VisitState.READING_CARD, Set.of(CardReady.class, Failed.class, CardRemoved.class)),
            Map.entry(
                    VisitState.AWAITING_PIN,
                    Set.of(
                            PinEntered.class,
                            FaceChosen.class,
                            FacePathChosen.class,
                            VisualCheckRequested.class,
                            Cancelled.class,
                            TimedOut.class,
                            CardRemoved.class)),
            Map.entry(
                    VisitState.AWAITING_STAFF_CHECK,
                    Set.of(
                            StaffConfirmedVisually.class,
                            StaffRefusedVisually.class,
                            Cancelled.class,
                            TimedOut.class,
                            CardRemoved.class)),
            Map.entry(
                    VisitState.MATCHING_FACE,
                    Set.of(
                            FaceMatched.class,
                            CollationNumberRejected.class,
                            CardExpiryMismatch.class,
                            Failed.class,
                            CardRemoved.class)),
            Map.entry(
                    VisitState.CAPTURING_CARD_FRONT,
                    Set.of(
                            CardFrontCaptured.class,
                            CardFrontUnreadable.class,
                            ManualEntryChosen.class,
                            PinPathChosen.class,
                            VisualCheckRequested.class,
                            Cancelled.class,
                            TimedOut.class,
                            CardRemoved.class)),
            Map.entry(
                    VisitState.ENTERING_COLLATION_NUMBER,
                    Set.of(
                            FaceChosen.class,
                            FacePathChosen.class,
                            PinPathChosen.class,
                            VisualCheckRequested.class,
                            Cancelled.class,
                            TimedOut.class,
                            CardRemoved.class)),
            Map.entry(
                    VisitState.FACE_PATH_FAILED,
                    Set.of(
                            PinPathChosen.class,
                            VisualCheckRequested.class,
                            Cancelled.class,
                            TimedOut.class,
                            CardRemoved.class)),
            Map.entry(
                    VisitState.VERIFYING_PIN,
                    Set.of(PinVerified.class, PinRejected.class, Failed.class, CardRemoved.class)),
            Map.entry(
                    VisitState.ASKING_CONSENTS,
                    Set.of(ConsentsGiven.class, Cancelled.class, TimedOut.class, CardRemoved.class)),
            Map.entry(
                    VisitState.CONFIRMING,
                    Set.of(Confirmed.class, RegistrationOffered.class, Failed.class, CardRemoved.class)),
            Map.entry(
                    VisitState.OFFERING_REGISTRATION,
                    Set.of(
                            RegistrationAccepted.class,
                            RegistrationDeclined.class,
                            Cancelled.class,
                            TimedOut.class,
                            CardRemoved.class)),
            Map.entry(VisitState.REGISTERING, Set.of(Confirmed.class, Failed.class, CardRemoved.class)),
            Map.entry(
                    VisitState.SHOWING_RESULT,
                    Set.of(CardRemoved.class, TimedOut.class, Cancelled.class, CardPlaced.class)),
            Map.entry(
                    VisitState.SHOWING_PROBLEM,
                    Set.of(CardRemoved.class, TimedOut.class, Cancelled.class, CardPlaced.class))));

    /** The table's timeouts; the states not named wait for a device, the backend or the staff. */
    private static final Map<VisitState, Duration> TIMEOUTS = new EnumMap<>(Map.of(
            VisitState.AWAITING_PIN, Duration.ofSeconds(90),
            VisitState.ASKING_CONSENTS, Duration.ofSeconds(120),
            VisitState.OFFERING_REGISTRATION, Duration.ofSeconds(90),
            VisitState.SHOWING_RESULT, Duration.ofSeconds(60),
            VisitState.SHOWING_PROBLEM, Duration.ofSeconds(30),
            VisitState.CAPTURING_CARD_FRONT, Duration.ofSeconds(90),
            VisitState.ENTERING_COLLATION_NUMBER, Duration.ofSeconds(120),
            VisitState.FACE_PATH_FAILED, Duration.ofSeconds(90)));

    @Test
    void theSamplesCoverEveryKindOfEventAndThePathsEveryState() {
        Set<Class<?>> kinds =
                Arrays.stream(VisitEvent.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertThat(SAMPLES.stream().map(Object::getClass).collect(Collectors.toSet()))
                .isEqualTo(kinds);
        assertThat(PATHS.keySet()).containsExactlyInAnyOrder(VisitState.values());
        assertThat(ACTS_ON.keySet()).containsExactlyInAnyOrder(VisitState.values());
        PATHS.forEach((state, path) -> assertThat(
                        at(path, VisitTimeouts.AS_IN_TABLE).current().state())
                .as("path to %s", state)
                .isEqualTo(state));
    }

    static Stream<Arguments> everyStateAndEvent() {
        return Arrays.stream(VisitState.values())
                .flatMap(state -> SAMPLES.stream().map(event -> Arguments.of(state, event)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everyStateAndEvent")
    void everyStateDecidesEveryEvent(VisitState state, VisitEvent event) {
        VisitFlow flow = at(PATHS.get(state), VisitTimeouts.AS_IN_TABLE);
        VisitSnapshot before = flow.current();
        Transition[] transition = new Transition[1];
        assertThatCode(() -> transition[0] = flow.on(event)).doesNotThrowAnyException();
        boolean changed = !transition[0].next().equals(before)
                || !transition[0].commands().isEmpty();
        assertThat(changed)
                .as("%s acts on %s", state, event.getClass().getSimpleName())
                .isEqualTo(ACTS_ON.get(state).contains(event.getClass()));
    }

    @Test
    void eachWaitingStateTimesOutAsTheTableSays() {
        for (VisitState state : VisitState.values()) {
            assertThat(at(PATHS.get(state), VisitTimeouts.AS_IN_TABLE).timeout())
                    .as("%s", state)
                    .isEqualTo(Optional.ofNullable(TIMEOUTS.get(state)));
        }
    }

    @Test
    void theConfiguredIdleTimeReplacesOnlyThePatientsAnsweringScreens() {
        Duration idle = Duration.ofSeconds(45);
        for (VisitState state : VisitState.values()) {
            Optional<Duration> expected = switch (state) {
                case AWAITING_PIN, ASKING_CONSENTS, OFFERING_REGISTRATION -> Optional.of(idle);
                default -> Optional.ofNullable(TIMEOUTS.get(state));
            };
            assertThat(at(PATHS.get(state), VisitTimeouts.patientIdle(idle)).timeout())
                    .as("%s", state)
                    .isEqualTo(expected);
        }
    }

    private static VisitFlow at(List<VisitEvent> path, VisitTimeouts timeouts) {
        VisitFlow flow = new VisitFlow(timeouts);
        path.forEach(flow::on);
        return flow;
    }

    private static List<VisitEvent> concat(List<VisitEvent> path, VisitEvent... more) {
        return Stream.concat(path.stream(), Stream.of(more)).toList();
    }
}
