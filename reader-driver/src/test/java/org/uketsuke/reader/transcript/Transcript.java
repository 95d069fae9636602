package org.uketsuke.reader.transcript;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A recorded conversation between the driver and a card, as a test resource ({@code transcripts/<name>.apdu}): the
 * command APDUs in the order the driver sent them, each card answer, and the outcome the driver made of each step.
 *
 * <p>File format, one entry a line ({@code #} lines are comments):
 * <pre>
 * = identification: Identified[kind=MY_NUMBER_CARD]   outcome of a driver step, after its APDUs
 * &gt; 00A4040C 0A D3921000310001010408                    command: header, Lc, data, Le (hex, split at those fields)
 * &lt; 9000                                               response: data (if any), then SW1 SW2
 * &lt; gone                                               the card was taken off instead of answering
 * </pre>
 * VERIFY data (a PIN, 照合番号B) is never written: it reads {@code {pin}}, {@code {wrong-pin}} or {@code {collation-b}}
 * ({@link Secrets}), and the replay puts the test value back before comparing, so the check stays exact.
 */
public record Transcript(String name, List<String> comments, List<Entry> entries) {

    public Transcript {
        Objects.requireNonNull(name, "name");
        comments = List.copyOf(comments);
        entries = List.copyOf(entries);
    }

    /** One line of the conversation. */
    public sealed interface Entry {
        /** A command and the card's answer; {@code response} is {@link #GONE} when the card was taken off. */
        record Exchange(String command, String response) implements Entry {}

        /** What the driver made of one step. */
        record Outcome(String step, String result) implements Entry {}
    }

    public static final String GONE = "gone";

    public List<Entry.Exchange> exchanges() {
        return entries.stream()
                .filter(Entry.Exchange.class::isInstance)
                .map(Entry.Exchange.class::cast)
                .toList();
    }

    /** The transcript {@code transcripts/<name>.apdu} from the test class path. */
    public static Transcript load(String name) {
        try (InputStream in = Transcript.class.getResourceAsStream("/transcripts/" + name + ".apdu")) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + name);
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Transcript parse(String name, String text) {
        List<String> comments = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        String pending = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line.substring(1).strip());
                continue;
            }
            String body = line.substring(Math.min(2, line.length())).strip();
            switch (line.charAt(0)) {
                case '>' -> {
                    requireNo(pending, name, number);
                    pending = body;
                }
                case '<' -> {
                    if (pending == null) {
                        throw new IllegalArgumentException(name + ":" + number + ": an answer without a command");
                    }
                    entries.add(new Entry.Exchange(pending, body));
                    pending = null;
                }
                case '=' -> {
                    requireNo(pending, name, number);
                    int colon = body.indexOf(": ");
                    entries.add(new Entry.Outcome(body.substring(0, colon), body.substring(colon + 2)));
                }
                default -> throw new IllegalArgumentException(name + ":" + number + ": not a transcript line: " + line);
            }
        }
        requireNo(pending, name, number);
        return new Transcript(name, comments, entries);
    }

    private static void requireNo(String pending, String name, int number) {
        if (pending != null) {
            throw new IllegalArgumentException(name + ":" + number + ": a command without an answer");
        }
    }

    public String format() {
        StringBuilder out = new StringBuilder();
        comments.forEach(c -> out.append("# ").append(c).append('\n'));
        for (Entry entry : entries) {
            switch (entry) {
                case Entry.Exchange(String command, String response) ->
                    out.append("> ")
                            .append(command)
                            .append('\n')
                            .append("< ")
                            .append(response)
                            .append('\n');
                case Entry.Outcome(String step, String result) ->
                    out.append("= ").append(step).append(": ").append(result).append('\n');
            }
        }
        return out.toString();
    }
}
