package org.uketsuke.app.staff;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * A staff password as stored: Argon2id (RFC 9106) with its salt and parameters, in the PHC string format
 * ({@code $argon2id$v=19$m=65536,t=3,p=1$salt$hash}, base64 without padding) so that stronger parameters can be
 * introduced later without invalidating older hashes. Compared in constant time.
 */
public record PasswordHash(Parameters parameters, byte[] salt, byte[] hash) {

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=([0-9]{1,8}),t=([0-9]{1,3}),p=([0-9]{1,2})\\$([A-Za-z0-9+/]{16,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    /**
     * Argon2id cost: memory in KiB, passes, lanes.
     *
     * @param memoryKib at least 8 × lanes (RFC 9106 §3.1)
     */
    public record Parameters(int memoryKib, int iterations, int parallelism) {
        /**
         * RFC 9106 §4's second recommended option (64 MiB, 3 passes, 4 lanes) with one lane: a counter PC has few
         * cores and the console signs in rarely; about a quarter of a second per sign-in on the terminal.
         */
        public static final Parameters DEFAULT = new Parameters(64 * 1024, 3, 1);

        public Parameters {
            if (parallelism < 1 || parallelism > 16 || iterations < 1 || memoryKib < 8 * parallelism) {
                throw new IllegalArgumentException("argon2id parameters out of range");
            }
        }
    }

    public PasswordHash {
        Objects.requireNonNull(parameters, "parameters");
        salt = salt.clone();
        hash = hash.clone();
    }

    /** A fresh random salt and the password's hash. */
    public static PasswordHash of(char[] password, Parameters parameters) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(parameters, salt, derive(password, salt, parameters));
    }

    /** Whether {@code password} is the one hashed here; the hashes are compared in constant time. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, parameters));
    }

    private static byte[] derive(char[] password, byte[] salt, Parameters p) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(p.memoryKib())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .build());
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        byte[] out = new byte[HASH_BYTES];
        generator.generateBytes(bytes, out);
        Arrays.fill(bytes, (byte) 0);
        return out;
    }

    /** The PHC string. */
    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** @throws IllegalArgumentException when the text is not an Argon2id PHC string */
    public static PasswordHash parse(String phc) {
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an argon2id hash");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new PasswordHash(
                new Parameters(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))),
                b64.decode(m.group(4)),
                b64.decode(m.group(5)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash other && other.encoded().equals(encoded());
    }

    @Override
    public int hashCode() {
        return encoded().hashCode();
    }

    @Override
    public String toString() {
        return "PasswordHash[argon2id m=" + parameters.memoryKib() + " t=" + parameters.iterations() + "]";
    }
}
