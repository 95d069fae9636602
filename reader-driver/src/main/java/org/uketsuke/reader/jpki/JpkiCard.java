package org.uketsuke.reader.jpki;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.uketsuke.reader.api.Aid;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.Iso7816;
import org.uketsuke.reader.api.ResponseApdu;

/**
 * The JPKI application of a My Number card: identification, the auth certificate, the auth PIN and signatures with the
 * auth key (docs/spec-notes/card.md). Certificates are read with one extended-length READ BINARY where the reader and
 * card take it, else in short chunks of 256 bytes, which every reader supports ({@link ReadMode}). Results are typed;
 * status words stay inside. Not thread-safe: one visit, one card session, one thread.
 */
public final class JpkiCard {

    /** SHA-256 DigestInfo prefix (PKCS#1 v1.5, RFC 8017 §9.2). */
    private static final byte[] SHA256_DIGEST_INFO = {
        0x30,
        0x31,
        0x30,
        0x0D,
        0x06,
        0x09,
        0x60,
        (byte) 0x86,
        0x48,
        0x01,
        0x65,
        0x03,
        0x04,
        0x02,
        0x01,
        0x05,
        0x00,
        0x04,
        0x20
    };

    private static final int MAX_CHUNK = 256;
    /** Far above a 2048-bit certificate; a longer header is garbage. */
    private static final int MAX_CERTIFICATE_LENGTH = 8 * 1024;

    /** The auth PIN's retry limit (docs/spec-notes/card.md#jpki-ap-files): a correct PIN restores it. */
    private static final int AUTH_PIN_TRIES = 3;

    private final ApduTransport card;
    /** Whether extended READ BINARY worked in this session; null until tried. */
    private Boolean extendedWorks;

    /** How certificate EFs are read. */
    public enum ReadMode {
        /**
         * Tries one extended READ BINARY (Le 65536) first; on 6700, 6Cxx, another refusal or a transport error falls
         * back to short APDUs, and remembers the answer for the rest of the session.
         */
        AUTO,
        /** Short APDUs only (Le ≤ 256). */
        SHORT
    }

    public JpkiCard(ApduTransport card) {
        this(card, ReadMode.AUTO);
    }

    public JpkiCard(ApduTransport card, ReadMode mode) {
        this.card = card;
        this.extendedWorks = mode == ReadMode.SHORT ? Boolean.FALSE : null;
    }

    /** Whether this session reads with extended APDUs: empty until a certificate read found out. */
    public Optional<Boolean> extendedLengthUsed() {
        return Optional.ofNullable(extendedWorks);
    }

    /** Which kind of JPKI token this is, from token EF 0006; NOT_JPKI when the application is absent or unreadable. */
    public TokenKind identify() throws CardGoneException {
        return switch (identification()) {
            case Identification.Identified(TokenKind kind) -> kind;
            case Identification.CardRemoved() ->
                throw new CardGoneException("the card went away during identification");
            case Identification.Failed _ -> TokenKind.NOT_JPKI;
        };
    }

    /** The outcome of identifying the card. */
    public sealed interface Identification {
        /** The token label was read; {@link TokenKind#NOT_JPKI} when the JPKI AP is absent (6A82) or the label unknown. */
        record Identified(TokenKind kind) implements Identification {}

        /** The card went away. */
        record CardRemoved() implements Identification {}

        /** The card answered a step with a status word that makes no sense for it. */
        record Failed(String step, int sw) implements Identification {}
    }

    /** {@link #identify()} with every outcome typed: an odd status word names its step instead of reading NOT_JPKI. */
    public Identification identification() {
        try {
            int sw =
                    select(CommandApdu.of(0x00, Iso7816.INS_SELECT, Iso7816.P1_SELECT_BY_NAME, 0x0C, Aid.JPKI.bytes()));
            if (sw == Iso7816.SW_FILE_NOT_FOUND
                    || sw == Iso7816.SW_WRONG_DATA
                    || sw == Iso7816.SW_INS_NOT_SUPPORTED
                    || sw == Iso7816.SW_CLA_NOT_SUPPORTED
                    || sw == Iso7816.SW_WRONG_P1P2) {
                return new Identification.Identified(TokenKind.NOT_JPKI); // no JPKI application on this card
            }
            if (sw != Iso7816.SW_OK) {
                return new Identification.Failed("select-jpki", sw);
            }
            sw = select(
                    CommandApdu.of(0x00, Iso7816.INS_SELECT, Iso7816.P1_SELECT_EF, 0x0C, JpkiFile.TOKEN.fidBytes()));
            if (sw == Iso7816.SW_FILE_NOT_FOUND) {
                return new Identification.Identified(TokenKind.NOT_JPKI);
            }
            if (sw != Iso7816.SW_OK) {
                return new Identification.Failed("select-token", sw);
            }
            ResponseApdu token = readBinary(0, 32);
            if (!token.ok() && token.sw() != Iso7816.SW_END_OF_FILE_WARNING) {
                return new Identification.Failed("read-token", token.sw());
            }
            return new Identification.Identified(
                    TokenKind.ofLabel(new String(token.data(), StandardCharsets.US_ASCII)));
        } catch (CardGoneException e) {
            return new Identification.CardRemoved();
        }
    }

    /**
     * Reads the 利用者証明用 certificate (EF 000A); no PIN needed on a physical card. A smartphone token
     * (スマホ用電子証明書) answers {@link CertificateRead.PinRequiredFirst}: {@link #verifyAuthPin} in the same session,
     * then read again.
     */
    public CertificateRead readAuthCertificate() {
        return readCertificate(JpkiFile.AUTH_CERTIFICATE);
    }

    /** Reads the auth CA certificate (EF 000B). */
    public CertificateRead readAuthCaCertificate() {
        return readCertificate(JpkiFile.AUTH_CA_CERTIFICATE);
    }

    /**
     * {@link #authPinTriesLeft()} of a card issued without an auth PIN (顔認証マイナンバーカード): only the face check or the
     * staff's visual check can prove its holder (docs/spec-notes/cards-2026.md#face-only-card).
     */
    public static final int NO_AUTH_PIN = -1;

    /**
     * Tries left on the auth PIN, asked without spending one ({@code 00 20 00 80} with no data); {@link #NO_AUTH_PIN}
     * when the card has no PIN set.
     */
    public int authPinTriesLeft() throws CardGoneException {
        if (!selectJpki() || !selectEf(JpkiFile.AUTH_PIN)) {
            return 0;
        }
        int sw = card.transmit(CommandApdu.of(0x00, Iso7816.INS_VERIFY, 0x00, 0x80))
                .sw();
        if (Iso7816.triesLeftStatus(sw)) {
            return sw & 0x0F;
        }
        if (sw == Iso7816.SW_OK) {
            return AUTH_PIN_TRIES; // verified in this session, and that success restored the counter
        }
        if (sw == Iso7816.SW_REFERENCE_DATA_NOT_FOUND) {
            return NO_AUTH_PIN;
        }
        return 0;
    }

    /** VERIFY the 4-digit auth PIN given as text; the char copy is wiped after use. */
    public PinCheck verifyAuthPin(String pin) {
        if (pin == null) {
            return new PinCheck.Failed("pin-format", 0);
        }
        char[] digits = pin.toCharArray();
        try {
            return verifyAuthPin(digits);
        } finally {
            Arrays.fill(digits, '\0');
        }
    }

    /**
     * VERIFY the 4-digit auth PIN. Never retried here: each call spends a try when wrong. The PIN bytes and the APDU's
     * data are zeroed as soon as the command has been sent; the caller wipes {@code pin}.
     */
    public PinCheck verifyAuthPin(char[] pin) {
        if (pin == null || pin.length != 4) {
            return new PinCheck.Failed("pin-format", 0);
        }
        for (char c : pin) {
            if (c < '0' || c > '9') {
                return new PinCheck.Failed("pin-format", 0);
            }
        }
        byte[] ascii = new byte[4];
        for (int i = 0; i < 4; i++) {
            ascii[i] = (byte) pin[i];
        }
        CommandApdu verify = CommandApdu.of(0x00, Iso7816.INS_VERIFY, 0x00, 0x80, ascii);
        Arrays.fill(ascii, (byte) 0);
        try {
            if (!selectJpki() || !selectEf(JpkiFile.AUTH_PIN)) {
                return new PinCheck.Failed("select-pin", 0);
            }
            int sw;
            try {
                sw = card.transmit(verify).sw();
            } finally {
                verify.wipe();
            }
            if (sw == Iso7816.SW_OK) {
                return new PinCheck.Verified();
            }
            if (Iso7816.triesLeftStatus(sw)) {
                int left = sw & 0x0F;
                return left == 0 ? new PinCheck.Blocked() : new PinCheck.Wrong(left);
            }
            if (sw == Iso7816.SW_REFERENCE_DATA_BLOCKED || sw == Iso7816.SW_AUTH_METHOD_BLOCKED) {
                return new PinCheck.Blocked();
            }
            return new PinCheck.Failed("verify", sw);
        } catch (CardGoneException e) {
            return new PinCheck.CardRemoved();
        }
    }

    /**
     * Signs a SHA-256 digest with the auth key: the card receives the DigestInfo and applies PKCS#1 v1.5 itself
     * ({@code 80 2A 00 80}). The auth PIN must have been verified in this session.
     */
    public Signature signWithAuthKey(byte[] sha256Digest) {
        if (sha256Digest == null || sha256Digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest is 32 bytes");
        }
        byte[] digestInfo = new byte[SHA256_DIGEST_INFO.length + 32];
        System.arraycopy(SHA256_DIGEST_INFO, 0, digestInfo, 0, SHA256_DIGEST_INFO.length);
        System.arraycopy(sha256Digest, 0, digestInfo, SHA256_DIGEST_INFO.length, 32);
        try {
            if (!selectJpki() || !selectEf(JpkiFile.AUTH_KEY)) {
                return new Signature.Failed("select-key", 0);
            }
            ResponseApdu answer =
                    transmitFully(new CommandApdu(0x80, Iso7816.INS_COMPUTE_SIGNATURE, 0x00, 0x80, digestInfo, 256));
            return switch (answer.sw()) {
                case Iso7816.SW_OK -> new Signature.Signed(answer.data());
                case Iso7816.SW_SECURITY_NOT_SATISFIED -> new Signature.PinRequired();
                default -> new Signature.Failed("compute-signature", answer.sw());
            };
        } catch (CardGoneException e) {
            return new Signature.CardRemoved();
        }
    }

    private CertificateRead readCertificate(JpkiFile file) {
        try {
            if (!jpkiIsCurrent()) {
                int sw = select(
                        CommandApdu.of(0x00, Iso7816.INS_SELECT, Iso7816.P1_SELECT_BY_NAME, 0x0C, Aid.JPKI.bytes()));
                if (sw != Iso7816.SW_OK) {
                    return new CertificateRead.Failed("select-jpki", sw);
                }
            }
            int sw = select(CommandApdu.of(0x00, Iso7816.INS_SELECT, Iso7816.P1_SELECT_EF, 0x0C, file.fidBytes()));
            if (sw != Iso7816.SW_OK) {
                return new CertificateRead.Failed("select-" + file.name().toLowerCase(Locale.ROOT), sw);
            }
            ResponseApdu first = readFirstChunk();
            if (first.sw() == Iso7816.SW_SECURITY_NOT_SATISFIED) {
                return new CertificateRead.PinRequiredFirst();
            }
            if (!first.ok() && first.sw() != Iso7816.SW_END_OF_FILE_WARNING) {
                return new CertificateRead.Failed("read-first", first.sw());
            }
            byte[] head = first.data();
            int total = DerLength.totalLength(head);
            if (total <= 0 || total > MAX_CERTIFICATE_LENGTH) {
                return new CertificateRead.Failed("der-header", first.sw());
            }
            ByteArrayOutputStream der = new ByteArrayOutputStream(total);
            der.write(head, 0, Math.min(head.length, total));
            int chunkLimit = Boolean.TRUE.equals(extendedWorks) ? CommandApdu.MAX_EXTENDED_LE : MAX_CHUNK;
            while (der.size() < total) {
                int chunk = Math.min(chunkLimit, total - der.size());
                ResponseApdu next = readBinary(der.size(), chunk);
                if ((!next.ok() && next.sw() != Iso7816.SW_END_OF_FILE_WARNING) || next.data().length == 0) {
                    return new CertificateRead.Failed("read-at-" + der.size(), next.sw());
                }
                der.write(next.data(), 0, Math.min(next.data().length, total - der.size()));
            }
            byte[] bytes = der.toByteArray();
            X509Certificate certificate = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(bytes));
            return new CertificateRead.Read(certificate, bytes);
        } catch (CardGoneException e) {
            return new CertificateRead.CardRemoved();
        } catch (CertificateException e) {
            return new CertificateRead.Failed("parse-certificate", Iso7816.SW_OK);
        }
    }

    /**
     * Every operation selects the JPKI AP first, unless the transport knows this session's own commands left it
     * current ({@link ApduTransport#knownSelection}: the My Number guard follows every SELECT and its answer). The
     * session may be shared with the card-face AP, so a selection remembered here could be stale; the guard's cannot.
     * On a real card each APDU saved is a contactless round trip (5 of a PIN visit's 20).
     */
    private boolean selectJpki() throws CardGoneException {
        return jpkiIsCurrent()
                || card.transmit(CommandApdu.of(
                                0x00, Iso7816.INS_SELECT, Iso7816.P1_SELECT_BY_NAME, 0x0C, Aid.JPKI.bytes()))
                        .ok();
    }

    private boolean jpkiIsCurrent() {
        return card.knownSelection().filter(s -> s.isIn(Aid.JPKI)).isPresent();
    }

    private int select(CommandApdu command) throws CardGoneException {
        return card.transmit(command).sw();
    }

    /** Selects an EF of the JPKI AP (current by now) unless it is known to be current already. */
    private boolean selectEf(JpkiFile file) throws CardGoneException {
        return card.knownSelection().filter(s -> s.isAt(Aid.JPKI, file.fid())).isPresent()
                || card.transmit(CommandApdu.of(0x00, Iso7816.INS_SELECT, Iso7816.P1_SELECT_EF, 0x0C, file.fidBytes()))
                        .ok();
    }

    /**
     * The first chunk of the current EF: in {@link ReadMode#AUTO}, one extended READ BINARY for the whole file while
     * that is not known to fail; short otherwise. An extended probe refused (6700 wrong length, 6Cxx, INS/CLA/P1P2
     * refusals) or lost in transport falls back to short; if the card really is gone, the short read says so.
     */
    private ResponseApdu readFirstChunk() throws CardGoneException {
        if (!Boolean.FALSE.equals(extendedWorks)) {
            ResponseApdu probe;
            try {
                probe = card.transmit(CommandApdu.of(0x00, Iso7816.INS_READ_BINARY, 0, 0, CommandApdu.MAX_EXTENDED_LE));
            } catch (CardGoneException transportError) {
                if (extendedWorks != null) {
                    throw transportError; // extended worked before: the card is gone
                }
                extendedWorks = false;
                return readBinary(0, MAX_CHUNK);
            }
            int sw = probe.sw();
            if (Iso7816.moreDataStatus(sw)) {
                probe = transmitFully(
                        CommandApdu.of(0x00, Iso7816.INS_READ_BINARY, 0, 0, CommandApdu.MAX_EXTENDED_LE), probe);
                sw = probe.sw();
            }
            if (sw == Iso7816.SW_OK || sw == Iso7816.SW_END_OF_FILE_WARNING) {
                extendedWorks = true;
                return probe;
            }
            if (sw == Iso7816.SW_SECURITY_NOT_SATISFIED) {
                return probe; // says nothing about extended length
            }
            extendedWorks = false;
        }
        return readBinary(0, MAX_CHUNK);
    }

    /** READ BINARY at a 15-bit offset, following 6Cxx (wrong Le) and 61xx (GET RESPONSE). */
    private ResponseApdu readBinary(int offset, int le) throws CardGoneException {
        return transmitFully(CommandApdu.of(0x00, Iso7816.INS_READ_BINARY, (offset >> 8) & 0x7F, offset & 0xFF, le));
    }

    private ResponseApdu transmitFully(CommandApdu command) throws CardGoneException {
        return transmitFully(command, card.transmit(command));
    }

    private ResponseApdu transmitFully(CommandApdu command, ResponseApdu first) throws CardGoneException {
        ResponseApdu answer = first;
        if (Iso7816.wrongLeStatus(answer.sw())) {
            int le = answer.sw2() == 0 ? 256 : answer.sw2();
            answer = card.transmit(
                    new CommandApdu(command.cla(), command.ins(), command.p1(), command.p2(), command.data(), le));
        }
        ByteArrayOutputStream collected = null;
        while (Iso7816.moreDataStatus(answer.sw())) {
            if (collected == null) {
                collected = new ByteArrayOutputStream();
            }
            collected.writeBytes(answer.data());
            int le = answer.sw2() == 0 ? 256 : answer.sw2();
            answer = card.transmit(CommandApdu.of(0x00, Iso7816.INS_GET_RESPONSE, 0x00, 0x00, le));
        }
        if (collected != null) {
            collected.writeBytes(answer.data());
            return new ResponseApdu(collected.toByteArray(), answer.sw1(), answer.sw2());
        }
        return answer;
    }
}
