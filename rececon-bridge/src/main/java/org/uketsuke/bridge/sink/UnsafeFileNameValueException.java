package org.uketsuke.bridge.sink;

/**
 * A value that was to become part of a file name does not have its documented format; the file is not written. The
 * value itself is shown only by length and escaped, as it came from outside.
 */
public final class UnsafeFileNameValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public UnsafeFileNameValueException(String field, String value) {
        super(field + " cannot be part of a file name: " + describe(value));
        this.field = field;
    }

    public String field() {
        return field;
    }

    private static String describe(String value) {
        if (value == null) {
            return "missing";
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        StringBuilder escaped = new StringBuilder();
        shown.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                escaped.append(String.format("\\u%04x", c));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        return "\"" + escaped + "\" (" + value.length() + " characters)";
    }
}
