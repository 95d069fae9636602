package org.uketsuke.app.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Every string people read, from one bundle: {@code messages.properties} (English, also for any language without its
 * own file) and {@code messages_ja.properties} (Japanese). Domain reasons carry no text: each constant has its key
 * here ({@code rejection.CERTIFICATE_REVOKED}, {@code problem.CARD_IN_USE}, …).
 */
public final class Messages {

    public static final Locale JAPANESE = Locale.JAPANESE;
    public static final Locale ENGLISH = Locale.ENGLISH;

    private final Locale locale;
    private final ResourceBundle bundle;

    public Messages(Locale locale) {
        this.locale = locale;
        // No fallback to the JVM's default locale: the kiosk shows exactly the language the patient chose.
        this.bundle = ResourceBundle.getBundle(
                "org.uketsuke.app.ui.messages",
                locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Locale locale() {
        return locale;
    }

    public Messages other() {
        return new Messages(locale.getLanguage().equals("ja") ? ENGLISH : JAPANESE);
    }

    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
