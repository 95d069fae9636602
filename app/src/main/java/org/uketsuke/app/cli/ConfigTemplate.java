package org.uketsuke.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.uketsuke.app.config.ConfigParser;

/**
 * The annotated {@code uketsuke.conf} the packages install (/usr/share/doc/uketsuke/uketsuke.conf.example, the first
 * /etc/uketsuke/uketsuke.conf): every key of {@link ConfigParser#KEYS}, in that order, with what it is, its default
 * and a commented-out example. Generated from the parser's own list, so a new key without its words fails the build's
 * test rather than going undocumented.
 */
public final class ConfigTemplate {

    private static final String STAFF = "staff";

    private ConfigTemplate() {}

    public static String text() {
        Properties words = words();
        StringBuilder out = new StringBuilder("""
                # Uketsuke configuration: every key with what it is, its default and an example.
                # A line "#key=value" is an example: remove the # to set the key; a key not set takes its default.
                # UTF-8, one key=value a line, values taken literally, absolute paths. Written by: uketsuke setup
                # Check it (files, backend, reader, camera; writes nothing):
                #   uketsuke kiosk --config /etc/uketsuke/uketsuke.conf --check
                """);
        List<String> entries = new ArrayList<>(ConfigParser.KEYS);
        entries.add(STAFF);
        for (String key : entries) {
            String doc = word(words, key, "doc");
            String fallback = word(words, key, "default");
            String example = word(words, key, "example");
            boolean staff = key.equals(STAFF);
            out.append('\n')
                    .append("# ")
                    .append(staff ? ConfigParser.STAFF_PREFIX + "<id>" : key)
                    .append(": ")
                    .append(doc)
                    .append('\n')
                    .append("# default: ")
                    .append(fallback)
                    .append('\n')
                    .append('#')
                    .append(staff ? example : key + "=" + example)
                    .append('\n');
        }
        return out.toString();
    }

    private static String word(Properties words, String key, String which) {
        String value = words.getProperty(key + "." + which);
        if (value == null) {
            throw new IllegalStateException("config-template.properties has no " + key + "." + which);
        }
        return value;
    }

    private static Properties words() {
        try (InputStream in = ConfigTemplate.class.getResourceAsStream("config-template.properties")) {
            if (in == null) {
                throw new IllegalStateException("config-template.properties is missing from the jar");
            }
            Properties words = new Properties();
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
