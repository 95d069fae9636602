package org.uketsuke.app.production;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.security.auth.login.FailedLoginException;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.eligibility.client.TlsMaterial;

/**
 * The terminal key held where the terminal cannot read it: a PKCS#11 token through the JDK's SunPKCS11 provider, or
 * the Windows certificate store through SunMSCAPI. The key never leaves the token or the store; TLS handshakes and
 * attestation signatures are computed there. Every way it can fail is an {@link Unusable} naming the key to fix.
 */
final class HeldKey {

    /** One SunPKCS11 provider per module and slot for the life of the process: a token is logged in once. */
    private static final Map<String, Provider> TOKENS = new ConcurrentHashMap<>();

    private HeldKey() {}

    /** Why the held key cannot be used: the configuration key to fix, the reason and what it names. */
    static final class Unusable extends RuntimeException {
        private final String key;
        private final CheckReason reason;
        private final String subject;

        Unusable(String key, CheckReason reason, String subject, String diagnostic, Throwable cause) {
            super(diagnostic, cause);
            this.key = key;
            this.reason = reason;
            this.subject = subject;
        }

        String key() {
            return key;
        }

        CheckReason reason() {
            return reason;
        }

        String subject() {
            return subject;
        }
    }

    static TlsMaterial load(UketsukeConfig.Credentials.Pkcs11 token, UnaryOperator<String> environment) {
        if (!Files.isRegularFile(token.library())) {
            throw new Unusable(
                    "tls.pkcs11.library",
                    CheckReason.NO_SUCH_FILE,
                    token.library().toString(),
                    token.library() + ": no such file",
                    null);
        }
        char[] pin = pin(token.pin(), environment);
        Provider provider = provider(token);
        KeyStore keys;
        try {
            keys = KeyStore.getInstance("PKCS11", provider);
        } catch (GeneralSecurityException e) {
            throw notFound(token, e);
        }
        try {
            keys.load(null, pin);
        } catch (IOException | GeneralSecurityException e) {
            if (causedBy(e, FailedLoginException.class) || message(e).contains("CKR_PIN")) {
                throw new Unusable(
                        pinKey(token.pin()),
                        CheckReason.TOKEN_PIN_REFUSED,
                        "",
                        "the token refused the PIN: " + message(e),
                        e);
            }
            throw notFound(token, e);
        }
        String alias = alias(keys, token.alias());
        return TlsMaterial.fromKeyStore(keys, new char[0], alias, token.trustedCas());
    }

    /** The Windows certificate store; anywhere else a clear refusal, never a missing-provider exception. */
    static TlsMaterial load(UketsukeConfig.Credentials.WindowsStore store, String osName) {
        String type = store.localMachine() ? "Windows-MY-LOCALMACHINE" : "Windows-MY";
        if (!osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            throw new Unusable(
                    "tls.key_store",
                    CheckReason.KEY_STORE_NOT_ON_THIS_SYSTEM,
                    type,
                    type + " is the Windows certificate store; this system is " + osName,
                    null);
        }
        KeyStore keys;
        try {
            keys = KeyStore.getInstance(type);
            keys.load(null, null);
        } catch (IOException | GeneralSecurityException e) {
            throw new Unusable(
                    "tls.key_store", CheckReason.KEY_STORE_NOT_ON_THIS_SYSTEM, type, type + ": " + message(e), e);
        }
        return TlsMaterial.fromKeyStore(keys, new char[0], alias(keys, store.alias()), store.trustedCas());
    }

    /** The alias names a private key with its certificate in the store. */
    private static String alias(KeyStore keys, String alias) {
        try {
            if (keys.isKeyEntry(alias) && keys.getCertificate(alias) instanceof X509Certificate) {
                return alias;
            }
        } catch (GeneralSecurityException e) {
            throw new Unusable("tls.key_alias", CheckReason.KEY_NOT_IN_STORE, alias, message(e), e);
        }
        throw new Unusable(
                "tls.key_alias",
                CheckReason.KEY_NOT_IN_STORE,
                alias,
                "no private key with its certificate under the alias " + alias,
                null);
    }

    private static char[] pin(UketsukeConfig.TokenPin pin, UnaryOperator<String> environment) {
        return switch (pin) {
            case UketsukeConfig.TokenPin.FromVariable variable -> {
                String value = environment.apply(variable.name());
                if (value == null || value.isEmpty()) {
                    throw new Unusable(
                            "tls.pkcs11.pin_env",
                            CheckReason.TOKEN_PIN_MISSING,
                            variable.name(),
                            "the environment variable " + variable.name() + " (the token PIN) is not set",
                            null);
                }
                yield value.toCharArray();
            }
            case UketsukeConfig.TokenPin.FromFile file -> {
                Optional<CheckReason> access = FileAccess.secret(file.file());
                if (access.isPresent()) {
                    throw new Unusable(
                            "tls.pkcs11.pin_file",
                            access.get(),
                            file.file().toString(),
                            file.file() + ": " + access.get(),
                            null);
                }
                try {
                    String first = Files.readString(file.file(), StandardCharsets.UTF_8)
                            .lines()
                            .findFirst()
                            .orElse("")
                            .strip();
                    if (first.isEmpty()) {
                        throw new Unusable(
                                "tls.pkcs11.pin_file",
                                CheckReason.TOKEN_PIN_MISSING,
                                file.file().toString(),
                                file.file() + ": empty",
                                null);
                    }
                    yield first.toCharArray();
                } catch (IOException e) {
                    throw new Unusable(
                            "tls.pkcs11.pin_file",
                            CheckReason.PERMISSION_DENIED,
                            file.file().toString(),
                            file.file() + ": " + e.getMessage(),
                            e);
                }
            }
        };
    }

    private static String pinKey(UketsukeConfig.TokenPin pin) {
        return pin instanceof UketsukeConfig.TokenPin.FromFile ? "tls.pkcs11.pin_file" : "tls.pkcs11.pin_env";
    }

    /**
     * The module's SunPKCS11 provider for the slot, registered so that JSSE and {@code Signature} find it for the
     * token's keys. A module that does not load and a slot without a token are told apart by the module's own answer.
     */
    private static Provider provider(UketsukeConfig.Credentials.Pkcs11 token) {
        String config = "--name=uketsuke-slot" + token.slotIndex() + "\nlibrary=" + token.library() + "\nslotListIndex="
                + token.slotIndex() + "\n";
        try {
            return TOKENS.computeIfAbsent(config, c -> {
                Provider provider = Security.getProvider("SunPKCS11").configure(c);
                Security.addProvider(provider);
                return provider;
            });
        } catch (ProviderException | IllegalArgumentException e) {
            if (causedBy(e, IOException.class) && !message(e).contains("slot")) {
                throw new Unusable(
                        "tls.pkcs11.library",
                        CheckReason.TOKEN_LIBRARY,
                        token.library().toString(),
                        token.library() + ": not a PKCS#11 module that loads (" + message(e) + ")",
                        e);
            }
            throw notFound(token, e);
        }
    }

    private static Unusable notFound(UketsukeConfig.Credentials.Pkcs11 token, Exception e) {
        return new Unusable(
                "tls.pkcs11.slot_index",
                CheckReason.TOKEN_NOT_FOUND,
                Integer.toString(token.slotIndex()),
                "no usable token in slot " + token.slotIndex() + " of " + token.library() + " (" + message(e) + ")",
                e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The messages of the whole cause chain: the token's CKR_ code is usually at its end. */
    private static String message(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                text.append(text.isEmpty() ? "" : ": ").append(t.getMessage());
            }
        }
        return text.toString();
    }
}
