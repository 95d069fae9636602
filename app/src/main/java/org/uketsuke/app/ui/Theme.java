package org.uketsuke.app.ui;

import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * The look of every window: AtlantaFX's Primer Light as the base (controls, colours and sizes as tokens), then
 * {@code kiosk.css} on top — Noto Sans CJK, large text, high contrast, touch-sized buttons. Views only name style
 * classes; no colour or size is set in code.
 */
public final class Theme {

    // The theme's precompiled binary form: the same rules as primer-light.css without parsing 165 kB of CSS text on
    // the FX thread at every cold start (docs/tuning.md).
    private static final String BASE = new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS();
    private static final String KIOSK = Objects.requireNonNull(
                    Theme.class.getResource("kiosk.css"), "kiosk.css on the class path")
            .toExternalForm();

    /** kiosk.css's first font family (ThemeTest keeps the two the same). */
    static final String KIOSK_FONT = "Noto Sans CJK JP";

    private Theme() {}

    /**
     * FX thread only: sets the base theme for the whole application, once. Called before the first control is built,
     * JavaFX does not load its own default theme (Modena) only to replace it: {@code Control}'s static initialiser
     * loads Modena when no application theme is set yet.
     */
    public static void useBase() {
        if (!BASE.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(BASE);
        }
    }

    /**
     * Opens the font faces of the kiosk's first frame — the toolkit's default (what a label is built with), kiosk.css's
     * Noto Sans CJK JP, regular and bold — and lays out a line of Japanese in each, on a thread of its own: the first
     * style pass then finds them open instead of opening them on the FX thread (cold start, docs/tuning.md, eighth
     * round). JavaFX's font factory is synchronized, and a Text in no scene may be used off the FX thread. The toolkit
     * must be running.
     *
     * @return the thread, already started
     */
    public static Thread warmFonts() {
        return Thread.ofPlatform().name("uketsuke-fonts").daemon().start(() -> {
            Font.getDefault();
            for (FontWeight weight : new FontWeight[] {FontWeight.NORMAL, FontWeight.BOLD}) {
                Text line = new Text("受付 カードを置いてください Card");
                line.setFont(Font.font(KIOSK_FONT, weight, 28));
                line.getLayoutBounds();
            }
            StartTrace.mark("fonts open");
        });
    }

    /** FX thread only: sets the base theme (once per application) and adds ours to {@code scene}. */
    public static Scene apply(Scene scene) {
        useBase();
        if (!scene.getStylesheets().contains(KIOSK)) {
            scene.getStylesheets().add(KIOSK);
        }
        return scene;
    }
}
