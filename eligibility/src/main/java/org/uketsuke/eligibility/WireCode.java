package org.uketsuke.eligibility;

/** An enum of an official code table (OQSCDnnn): each constant carries the code the messages use. */
public interface WireCode {

    String code();

    /** The constant of {@code type} whose code is {@code code} (trimmed), or a typed error naming the field. */
    static <E extends Enum<E> & WireCode> E of(Class<E> type, String code, String field) {
        String wanted = code == null ? "" : code.strip();
        for (E value : type.getEnumConstants()) {
            if (value.code().equals(wanted)) {
                return value;
            }
        }
        throw new InvalidValueException(field, "unknown code " + code);
    }
}
