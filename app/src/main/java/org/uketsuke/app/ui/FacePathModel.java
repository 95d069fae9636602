package org.uketsuke.app.ui;

import java.time.LocalDate;
import java.time.chrono.JapaneseEra;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.reception.CardFrontCapture;
import org.uketsuke.app.reception.VisitController;
import org.uketsuke.cardfront.CardFrontRead;
import org.uketsuke.eligibility.CollationNumberB;
import org.uketsuke.eligibility.InvalidValueException;
import org.uketsuke.eligibility.WarekiDate;

/**
 * The face path's screens (issue #10): the guided card-front capture (hint + preview) and the manual entry of
 * 照合番号B (birth date in 和暦 or 西暦, expiry year, security code) with validation as the patient types. No scene
 * graph; FX thread only (capture updates arrive through the FX executor). Typed digits are forgotten when the visit
 * ends; the same digits the card has refused are not sent again.
 */
public final class FacePathModel {

    /** The eras a living patient's card can print. */
    public static final List<JapaneseEra> ERAS =
            List.of(JapaneseEra.REIWA, JapaneseEra.HEISEI, JapaneseEra.SHOWA, JapaneseEra.TAISHO);

    private final VisitController controller;
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<PreviewPicture> preview = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty western = new SimpleBooleanProperty(false);
    private final ObjectProperty<JapaneseEra> era = new SimpleObjectProperty<>(JapaneseEra.SHOWA);
    private final StringProperty birthYear = new SimpleStringProperty("");
    private final StringProperty birthMonth = new SimpleStringProperty("");
    private final StringProperty birthDay = new SimpleStringProperty("");
    private final StringProperty expiryYear = new SimpleStringProperty("");
    private final StringProperty securityCode = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper validation = new ReadOnlyStringWrapper("entry.incomplete");
    private VisitState shown = VisitState.IDLE;
    private int refusedDigitsHash;
    private boolean refusedKnown;
    private int lastSentHash;

    /** @param fx runs on the FX thread ({@code Platform::runLater}) */
    public FacePathModel(VisitController controller, CardFrontCapture capture, Executor fx) {
        this.controller = controller;
        if (capture != null) {
            capture.onUpdate(update -> fx.execute(() -> onUpdate(update)));
        }
        for (StringProperty field : List.of(birthYear, birthMonth, birthDay, expiryYear, securityCode)) {
            field.addListener((o, was, now) -> validate());
        }
        western.addListener((o, was, now) -> validate());
        era.addListener((o, was, now) -> validate());
    }

    /** The message key of the capture hint ({@code capture.hint.*}), empty before the first frame. */
    public ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PreviewPicture> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public BooleanProperty westernProperty() {
        return western;
    }

    public ObjectProperty<JapaneseEra> eraProperty() {
        return era;
    }

    public StringProperty birthYearProperty() {
        return birthYear;
    }

    public StringProperty birthMonthProperty() {
        return birthMonth;
    }

    public StringProperty birthDayProperty() {
        return birthDay;
    }

    public StringProperty expiryYearProperty() {
        return expiryYear;
    }

    public StringProperty securityCodeProperty() {
        return securityCode;
    }

    /** The message key saying what is wrong with the entry ({@code entry.*}), or empty when it can be sent. */
    public ReadOnlyStringProperty validationProperty() {
        return validation.getReadOnlyProperty();
    }

    /** A new visit snapshot (FX thread): clears the capture screen, forgets the digits when the visit ends. */
    public void show(VisitSnapshot snapshot) {
        VisitState before = shown;
        shown = snapshot.state();
        // The flow starts and stops the capture itself; the screen only follows.
        if (shown == VisitState.CAPTURING_CARD_FRONT && before != VisitState.CAPTURING_CARD_FRONT) {
            hint.set("capture.hint.START");
            preview.set(null);
        } else if (shown != VisitState.CAPTURING_CARD_FRONT && before == VisitState.CAPTURING_CARD_FRONT) {
            preview.set(null);
        }
        if (shown == VisitState.ENTERING_COLLATION_NUMBER
                && snapshot.problem().isPresent()
                && snapshot.problem().get() == Problem.COLLATION_NUMBER_WRONG) {
            refusedDigitsHash = lastSentHash;
            refusedKnown = true;
            validate();
        }
        if (!isFacePath(shown) && shown != VisitState.MATCHING_FACE) {
            clear();
        }
    }

    private static boolean isFacePath(VisitState state) {
        return state == VisitState.CAPTURING_CARD_FRONT
                || state == VisitState.ENTERING_COLLATION_NUMBER
                || state == VisitState.FACE_PATH_FAILED;
    }

    private void onUpdate(CardFrontCapture.Update update) {
        if (shown != VisitState.CAPTURING_CARD_FRONT) {
            return;
        }
        hint.set("capture.hint."
                + switch (update.read()) {
                    case CardFrontRead.Read _ -> "READ";
                    case CardFrontRead.NotFound _ -> "NOT_FOUND";
                    case CardFrontRead.Unreadable u -> u.reason().name();
                });
        byte[] bgr = update.previewBgr();
        PreviewPicture picture = PreviewPicture.fromBgr(update.width(), update.height(), bgr);
        Arrays.fill(bgr, (byte) 0);
        preview.set(picture);
    }

    /** The 14 digits the entry makes, when it is complete and valid. */
    public Optional<String> digits() {
        return parse().right();
    }

    private record Parsed(String problem, Optional<String> right) {}

    private Parsed parse() {
        String y = birthYear.get().strip();
        String m = birthMonth.get().strip();
        String d = birthDay.get().strip();
        String e = expiryYear.get().strip();
        String c = securityCode.get().strip();
        if (y.isEmpty() || m.isEmpty() || d.isEmpty() || e.isEmpty() || c.isEmpty()) {
            return new Parsed("entry.incomplete", Optional.empty());
        }
        if (!(y + m + d + e + c).matches("\\d+")) {
            return new Parsed("entry.digitsOnly", Optional.empty());
        }
        LocalDate birth;
        try {
            birth = western.get()
                    ? LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d))
                    : new WarekiDate(era.get(), Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d))
                            .toLocalDate();
        } catch (RuntimeException ex) {
            return new Parsed("entry.noSuchDate", Optional.empty());
        }
        if (!c.matches("\\d{4}")) {
            return new Parsed("entry.securityCode", Optional.empty());
        }
        if (!e.matches("\\d{4}")) {
            return new Parsed("entry.expiryYear", Optional.empty());
        }
        try {
            String digits = CollationNumberB.of(birth, Integer.parseInt(e), c, western.get())
                    .value();
            if (refusedKnown && digits.hashCode() == refusedDigitsHash) {
                return new Parsed("entry.sameAsRefused", Optional.empty());
            }
            return new Parsed("", Optional.of(digits));
        } catch (InvalidValueException ex) {
            return new Parsed("entry.expiryYear", Optional.empty());
        }
    }

    private void validate() {
        validation.set(parse().problem());
    }

    /** Sends the typed digits once; never again by itself (a refusal waits for the patient to change them). */
    public void submit() {
        Optional<String> digits = digits();
        if (digits.isEmpty() || shown != VisitState.ENTERING_COLLATION_NUMBER) {
            return;
        }
        lastSentHash = digits.get().hashCode();
        controller.fire(new VisitEvent.FaceChosen(new CollationNumberB(digits.get())));
    }

    public void chooseCamera() {
        controller.fire(new VisitEvent.FacePathChosen());
    }

    public void chooseManualEntry() {
        controller.fire(new VisitEvent.ManualEntryChosen());
    }

    public void choosePin() {
        controller.fire(new VisitEvent.PinPathChosen());
    }

    public void chooseStaffCheck() {
        controller.fire(new VisitEvent.VisualCheckRequested());
    }

    private void clear() {
        for (StringProperty field : List.of(birthYear, birthMonth, birthDay, expiryYear, securityCode)) {
            field.set("");
        }
        western.set(false);
        era.set(JapaneseEra.SHOWA);
        hint.set("");
        preview.set(null);
        refusedKnown = false;
        lastSentHash = 0;
    }
}
