package org.uketsuke.app.staff;

import java.util.Locale;

/**
 * What a staff account may do at the console. The closed list the services check ({@link StaffSession#require});
 * an account holds any set of them. See docs/decisions/0009-staff-accounts.md.
 */
public enum Role {
    /** Signs 目視確認 (the staff's visual check of the patient against the card's face photo). */
    RECEPTIONIST,
    /** Manages staff accounts, changes settings, re-sends deliveries to the レセコン. */
    ADMINISTRATOR,
    /** Views the consented 診療・薬剤情報 of a confirmed patient. */
    MEDICAL_VIEWER,
    /** Hospitals: views medical information in an emergency; each view is audited as an emergency view. */
    EMERGENCY_VIEWER;

    /** The spelling in the accounts file and on the CLI: {@code receptionist}, {@code medical-viewer}, … */
    public String token() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException for a word that names no role */
    public static Role ofToken(String token) {
        for (Role role : values()) {
            if (role.token().equals(token.strip())) {
                return role;
            }
        }
        throw new IllegalArgumentException(
                "no role '" + token + "' (receptionist, administrator, medical-viewer," + " emergency-viewer)");
    }
}
