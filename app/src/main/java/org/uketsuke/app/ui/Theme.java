package org.uketsuke.app.ui;

import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;

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

    private Theme() {}

    /** FX thread only: sets the base theme (once per application) and adds ours to {@code scene}. */
    public static Scene apply(Scene scene) {
        if (!BASE.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(BASE);
        }
        if (!scene.getStylesheets().contains(KIOSK)) {
            scene.getStylesheets().add(KIOSK);
        }
        return scene;
    }
}
