package org.uketsuke.app.speech;

/**
 * Speaks the kiosk's guidance for the step on screen (ADR 0010). A new line replaces the one being spoken; {@link
 * #stop} silences it when the patient leaves the step or the visit ends, so the next patient never hears the previous
 * patient's screen. Calls return at once: the speaking happens elsewhere.
 */
public interface SpokenGuidance {

    void say(GuidanceLine line);

    void stop();

    /** {@code kiosk.speech=off}: nothing is spoken. */
    static SpokenGuidance silent() {
        return Silent.INSTANCE;
    }

    /** The guidance of {@code kiosk.speech=off}. */
    enum Silent implements SpokenGuidance {
        INSTANCE;

        @Override
        public void say(GuidanceLine line) {
            // Off: the kiosk shows its texts only.
        }

        @Override
        public void stop() {
            // Nothing is ever spoken.
        }
    }
}
