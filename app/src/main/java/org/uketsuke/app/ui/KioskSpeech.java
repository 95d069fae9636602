package org.uketsuke.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.flow.CardKind;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.speech.EspeakGuidance;
import org.uketsuke.app.speech.GuidanceLine;
import org.uketsuke.app.speech.SpokenGuidance;
import org.uketsuke.app.terminal.StaffNotice;

/**
 * Speaks the kiosk step on screen (ADR 0010): the step's own title and text in the setting's language (or the one the
 * patient chose, for {@code auto}), once per step; silence when the visit ends, when the patient switches 音声案内
 * off. Only the bundle's fixed step texts are spoken, never the values on the result screen. FX thread only.
 */
public final class KioskSpeech {

    private final KioskViewModel model;
    private final UketsukeConfig.Speech setting;
    private final SpokenGuidance guidance;
    private GuidanceLine spoken;

    private KioskSpeech(KioskViewModel model, UketsukeConfig.Speech setting, SpokenGuidance guidance) {
        this.model = model;
        this.setting = setting;
        this.guidance = guidance;
    }

    /** Follows the kiosk's steps with {@code guidance}; with {@code off} the kiosk stays silent and offers no switch. */
    public static void follow(KioskViewModel model, UketsukeConfig.Speech setting, SpokenGuidance guidance) {
        if (setting == UketsukeConfig.Speech.OFF) {
            return;
        }
        KioskSpeech speech = new KioskSpeech(model, setting, guidance);
        model.speechOffered.set(true);
        InvalidationListener changed = o -> speech.update();
        model.snapshotProperty().addListener(changed);
        model.messagesProperty().addListener(changed);
        model.cardServiceDownProperty().addListener(changed);
        model.voiceGuide.addListener(changed);
        speech.update();
    }

    /**
     * Follows the kiosk's steps with the installed eSpeak NG (started on {@code worker}, a missing binary told to
     * {@code notices}); nothing for {@code off}.
     */
    public static void follow(
            KioskViewModel model, UketsukeConfig.Speech setting, Executor worker, Consumer<StaffNotice> notices) {
        follow(
                model,
                setting,
                setting == UketsukeConfig.Speech.OFF
                        ? SpokenGuidance.silent()
                        : EspeakGuidance.installed(worker, notices));
    }

    private void update() {
        Optional<GuidanceLine> next = line();
        if (next.isEmpty()) {
            if (spoken != null) {
                spoken = null;
                guidance.stop();
            }
        } else if (!next.get().equals(spoken)) {
            spoken = next.get();
            guidance.say(spoken);
        }
    }

    /** What to say now: nothing on the first screen (no patient yet, or the visit has ended) or with 音声案内 off. */
    private Optional<GuidanceLine> line() {
        if (!model.voiceGuide.get() || model.snapshotProperty().get().state() == VisitState.IDLE) {
            return Optional.empty();
        }
        return Optional.of(line(messages(), model.screenKey()));
    }

    private Messages messages() {
        return switch (setting) {
            case JA -> new Messages(Messages.JAPANESE);
            case EN -> new Messages(Messages.ENGLISH);
            case AUTO, OFF -> model.messagesProperty().get();
        };
    }

    /** A screen's guidance: its title and text from the bundle, without arguments. */
    public static GuidanceLine line(Messages messages, String screenKey) {
        Locale language = messages.locale();
        String pause = language.getLanguage().equals("ja") ? "。" : ". ";
        return new GuidanceLine(
                screenKey, language, messages.get(screenKey + ".title") + pause + messages.get(screenKey + ".body"));
    }

    /**
     * Every screen a visit can show ({@link KioskViewModel#screenKey}): each state, the proof screen of a face-only
     * card and of an Android phone (an iPhone skips it: it was unlocked on the phone) and the service-down notice.
     */
    public static List<String> screenKeys() {
        List<String> keys = new ArrayList<>();
        for (VisitState state : VisitState.values()) {
            keys.add("state." + state);
        }
        for (CardKind kind : CardKind.values()) {
            if (kind != CardKind.MY_NUMBER_CARD && kind != CardKind.IPHONE) {
                keys.add("kiosk.card." + kind);
            }
        }
        keys.add("kiosk.cardServiceDown");
        return List.copyOf(keys);
    }
}
