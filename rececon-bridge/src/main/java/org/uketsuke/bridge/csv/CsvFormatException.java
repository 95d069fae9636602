package org.uketsuke.bridge.csv;

/** A CSV text that cannot be read as records at all (an unclosed quote); {@code line} is 1-based. */
public final class CsvFormatException extends IllegalArgumentException {

    private final int line;

    public CsvFormatException(int line, String message) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
