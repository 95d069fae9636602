package org.uketsuke.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * libFuzzer-style havoc mutations of a byte string: bit flips, interesting bytes, deleted, inserted, duplicated and
 * repeated ranges, dictionary tokens, splices with other corpus entries, and ASCII numbers swapped for edge values.
 * Deterministic for a given {@link Random}, so a seed reproduces a run.
 */
final class Mutator {

    private static final byte[] INTERESTING_BYTES = {
        0x00,
        0x01,
        0x1F,
        0x20,
        0x30,
        0x3C,
        0x3E,
        0x7F,
        (byte) 0x80,
        (byte) 0x81,
        (byte) 0x82,
        (byte) 0x83,
        (byte) 0x84,
        (byte) 0xC0,
        (byte) 0xE3,
        (byte) 0xEF,
        (byte) 0xFE,
        (byte) 0xFF
    };
    private static final String[] INTERESTING_NUMBERS = {
        "",
        "0",
        "-1",
        "00",
        "+1",
        " 1",
        "1 ",
        "2147483647",
        "2147483648",
        "-2147483649",
        "99999999999999999999",
        "1e9",
        "0x10",
        "１２",
        "٣",
        "NaN",
        "08",
        "19000229",
        "99991231",
        "00000000"
    };

    private final Random random;
    private final List<byte[]> dictionary;
    private final int maxLength;

    Mutator(Random random, List<byte[]> dictionary, int maxLength) {
        this.random = random;
        this.dictionary = dictionary;
        this.maxLength = maxLength;
    }

    /** One to four stacked mutations of {@code input}; {@code pool} supplies splice partners. */
    byte[] mutate(byte[] input, List<byte[]> pool) {
        byte[] out = input;
        int rounds = 1 + Integer.numberOfTrailingZeros(random.nextInt() | 0x8); // 1 half the time, up to 4
        for (int i = 0; i < rounds; i++) {
            out = once(out, pool);
        }
        return out.length > maxLength ? Arrays.copyOf(out, maxLength) : out;
    }

    private byte[] once(byte[] in, List<byte[]> pool) {
        if (in.length == 0) {
            return insert(in, 0, randomBytes(1 + random.nextInt(8)));
        }
        int at = random.nextInt(in.length);
        return switch (random.nextInt(13)) {
            case 0 -> {
                byte[] out = in.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                yield out;
            }
            case 1 -> {
                byte[] out = in.clone();
                out[at] = (byte) random.nextInt(256);
                yield out;
            }
            case 2 -> {
                byte[] out = in.clone();
                out[at] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
                yield out;
            }
            case 3 -> delete(in, at, 1 + random.nextInt(Math.min(in.length - at, 64)));
            case 4 -> insert(in, at, randomBytes(1 + random.nextInt(8)));
            case 5 -> {
                int length = 1 + random.nextInt(Math.min(in.length - at, 128));
                yield insert(in, random.nextInt(in.length + 1), Arrays.copyOfRange(in, at, at + length));
            }
            case 6 -> dictionary.isEmpty() ? in : insert(in, at, token());
            case 7 -> dictionary.isEmpty() ? in : overwrite(in, at, token());
            case 8 -> splice(in, pool.get(random.nextInt(pool.size())));
            case 9 -> Arrays.copyOf(in, at);
            case 10 -> replaceNumber(in, at);
            case 11 -> repeat(in, at);
            default -> {
                byte[] out = in.clone();
                int other = random.nextInt(in.length);
                byte b = out[at];
                out[at] = out[other];
                out[other] = b;
                yield out;
            }
        };
    }

    private byte[] token() {
        return dictionary.get(random.nextInt(dictionary.size()));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] insert(byte[] in, int at, byte[] what) {
        byte[] out = new byte[in.length + what.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(in, at, out, at + what.length, in.length - at);
        return out;
    }

    private static byte[] delete(byte[] in, int at, int length) {
        byte[] out = new byte[in.length - length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, at + length, out, at, in.length - at - length);
        return out;
    }

    private static byte[] overwrite(byte[] in, int at, byte[] what) {
        byte[] out = Arrays.copyOf(in, Math.max(in.length, at + what.length));
        System.arraycopy(what, 0, out, at, what.length);
        return out;
    }

    private byte[] splice(byte[] in, byte[] other) {
        if (other.length == 0) {
            return in;
        }
        int cut = random.nextInt(in.length + 1);
        int from = random.nextInt(other.length);
        byte[] out = Arrays.copyOf(in, cut + other.length - from);
        System.arraycopy(other, from, out, cut, other.length - from);
        return out;
    }

    /** The run of ASCII digits at or after {@code at} becomes an edge value: lengths, counts and dates break here. */
    private byte[] replaceNumber(byte[] in, int at) {
        int start = at;
        while (start < in.length && (in[start] < '0' || in[start] > '9')) {
            start++;
        }
        if (start == in.length) {
            return insert(
                    in,
                    at,
                    INTERESTING_NUMBERS[random.nextInt(INTERESTING_NUMBERS.length)].getBytes(StandardCharsets.UTF_8));
        }
        int end = start;
        while (end < in.length && in[end] >= '0' && in[end] <= '9') {
            end++;
        }
        byte[] number =
                INTERESTING_NUMBERS[random.nextInt(INTERESTING_NUMBERS.length)].getBytes(StandardCharsets.UTF_8);
        return insert(delete(in, start, end - start), start, number);
    }

    /** A range repeated many times: deep nesting and long runs find recursion and quadratic paths. */
    private byte[] repeat(byte[] in, int at) {
        int length = 1 + random.nextInt(Math.min(in.length - at, 16));
        int times = 2 + random.nextInt(random.nextBoolean() ? 8 : 2_000);
        byte[] chunk = Arrays.copyOfRange(in, at, at + length);
        byte[] repeated = new byte[Math.min(chunk.length * times, maxLength)];
        for (int i = 0; i < repeated.length; i++) {
            repeated[i] = chunk[i % chunk.length];
        }
        return insert(in, at, repeated);
    }
}
