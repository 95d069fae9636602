package org.uketsuke.app.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A staff password for a command: from the console without echo, else the first line of a stream (never argv). */
final class PasswordInput {

    private PasswordInput() {}

    /**
     * @param in the stream to read when given (tests, scripts); null: the console if there is one, else stdin
     * @param confirm on the console, ask twice and refuse two different answers (a new password)
     * @throws IllegalArgumentException when no password comes, or the two differ
     */
    static char[] read(InputStream in, boolean confirm) throws IOException {
        Console console = System.console();
        if (console != null && in == null) {
            char[] first = console.readPassword("Password (パスワード): ");
            if (first == null) {
                throw new IllegalArgumentException("no password given");
            }
            if (confirm) {
                char[] again = console.readPassword("Again (もう一度): ");
                boolean same = Arrays.equals(first, again);
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
                if (!same) {
                    Arrays.fill(first, '\0');
                    throw new IllegalArgumentException("the two passwords differ");
                }
            }
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(in == null ? System.in : in, StandardCharsets.UTF_8))
                .readLine();
        if (line == null) {
            throw new IllegalArgumentException("no password on stdin");
        }
        return line.toCharArray();
    }
}
