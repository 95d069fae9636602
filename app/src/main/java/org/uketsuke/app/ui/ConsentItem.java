package org.uketsuke.app.ui;

/** The items of the consent screen, in the order they are asked; {@code consent.NAME} in the UI bundle. */
public enum ConsentItem {
    DRUG,
    CHECKUP,
    TREATMENT,
    OPERATION,
    LIMIT,
    SPECIFIC_DISEASE
}
