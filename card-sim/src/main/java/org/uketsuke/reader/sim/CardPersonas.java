package org.uketsuke.reader.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/** The virtual cards of {@code personas.properties} (next to this class), in the file's order. */
public final class CardPersonas {

    private static final String FILE = "personas.properties";
    private static final List<CardPersona> ALL = load();

    private CardPersonas() {}

    public static List<CardPersona> all() {
        return ALL;
    }

    /** The persona of that name ({@code blocked-pin}), if there is one. */
    public static Optional<CardPersona> byName(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static List<CardPersona> load() {
        Properties file = new Properties();
        try (InputStream in = CardPersonas.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the card-sim jar");
            }
            try (Reader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                file.load(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CardPersona> personas = new ArrayList<>();
        for (String name : required(file, "personas").split(",")) {
            String n = name.strip();
            personas.add(new CardPersona(
                    n,
                    required(file, n + ".description"),
                    CardPersona.Certificate.valueOf(constant(required(file, n + ".certificate"))),
                    required(file, n + ".token"),
                    CardPersona.Pin.valueOf(constant(required(file, n + ".pin"))),
                    CardPersona.Behaviour.valueOf(constant(required(file, n + ".behaviour"))),
                    person(file.getProperty(n + ".person"))));
        }
        return List.copyOf(personas);
    }

    private static OptionalInt person(String value) {
        return value == null || value.isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.strip()));
    }

    private static String required(Properties file, String key) {
        String value = file.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(FILE + " has no " + key);
        }
        return value.strip();
    }

    private static String constant(String value) {
        return value.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
