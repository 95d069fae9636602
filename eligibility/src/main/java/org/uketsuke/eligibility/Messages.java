package org.uketsuke.eligibility;

import java.util.Locale;
import java.util.ResourceBundle;

/** The ja/en texts of {@code outcomes*.properties}: what a receptionist reads about an outcome. */
final class Messages {

    private Messages() {}

    static String get(String key, Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle("org.uketsuke.eligibility.outcomes",
                locale.getLanguage().equals("ja") ? Locale.JAPANESE : Locale.ENGLISH,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return bundle.getString(key);
    }
}
