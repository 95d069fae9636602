package org.uketsuke.reader.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.uketsuke.reader.api.Aid;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.Iso7816;
import org.uketsuke.reader.api.ResponseApdu;

/**
 * A plain-Java My Number card: its applications and files as data, security state (verified PINs until reset),
 * retry counters (63Cx; 63C0 on the try that exhausts it, 6984 afterwards), and the commands a reception terminal
 * sends (docs/spec-notes/card.md). It answers bytes to bytes, so it sits behind the in-process transport or behind vpcd
 * and a real pcscd alike. The 券面事項入力補助AP exists with a dummy number so tests can prove our driver never
 * reaches it ({@link #myNumberApplicationSelected()}).
 */
public final class MyNumberCardSimulator {

    /** A contact ATR seen on real cards. */
    private static final byte[] ATR = {0x3B, (byte) 0xE0, 0x00, (byte) 0xFF, (byte) 0x81, 0x31, (byte) 0xFE, 0x45, 0x14
    };

    private static final int NO_PIN = -1;

    private final Map<Aid, Map<Integer, CardFile>> applications = new HashMap<>();
    private final Map<Integer, Integer> triesLeft = new HashMap<>();
    private Random random = new SecureRandom();

    private PrivateKey cardFaceKey;
    private Aid currentApplication;
    private Integer currentFile;
    private final Set<Integer> verified = new HashSet<>();
    private volatile boolean myNumberApplicationSelected;
    private long commands;
    private volatile CardBehaviour behaviour = CardBehaviour.normal();
    /** APDUs answered since the card was last placed (for {@link CardBehaviour#removeAfter()}). */
    private long answeredSincePlaced;

    private volatile boolean pulled;
    private boolean noAuthPin;

    public MyNumberCardSimulator(CardPersonalisation personalisation) {
        this(personalisation, "JPKIAPICCTOKEN2");
    }

    /** A card whose card-face AP holds a photo behind 照合番号B (the PIN-less path). */
    public MyNumberCardSimulator(CardPersonalisation personalisation, CardFacePersonalisation face) {
        this(personalisation, "JPKIAPICCTOKEN2");
        Map<Integer, CardFile> files = new HashMap<>();
        files.put(0x0002, new CardFile.Binary(face.efCardFace(), 0x0012));
        files.put(0x0012, new CardFile.Pin(face.collationNumberB(), 10));
        // Present so that tests prove the driver never reaches them: the image of the My Number and 照合番号A.
        files.put(0x0005, new CardFile.Binary("MY NUMBER IMAGE".getBytes(StandardCharsets.US_ASCII), 0x0013));
        files.put(0x0013, new CardFile.Pin("000000000000", 10));
        applications.put(Aid.CARD_FACE, files);
        applications.put(
                Aid.COMMON_CARD,
                Map.of(
                        0x0001,
                        new CardFile.Records(List.of(
                                ("000000000000001" + "13101" + face.expiry()).getBytes(StandardCharsets.US_ASCII)))));
        cardFaceKey = face.applicationKey().getPrivate();
        reset();
    }

    /** A card with another token label (old 住基 card, smartphone tokens) for identification tests. */
    public MyNumberCardSimulator(CardPersonalisation personalisation, String tokenLabel) {
        Map<Integer, CardFile> jpki = new HashMap<>();
        jpki.put(0x0006, new CardFile.Binary(padded(tokenLabel, 32), NO_PIN));
        jpki.put(0x0008, new CardFile.Binary(new byte[] {(byte) 0x8F, (byte) 0x8F, 0x00}, NO_PIN));
        // Android keeps the certificate and key behind the PIN typed on the terminal; the iPhone's holder unlocks
        // the identity on the phone itself (Face ID), so the terminal reads and signs without a PIN
        // (docs/spec-notes/cards-2026.md#smartphones).
        boolean android = tokenLabel.startsWith("JPKIAPGPSE");
        boolean iphone = tokenLabel.startsWith("JPKIAPIOS");
        jpki.put(0x000A, new CardFile.Binary(personalisation.authCertDer(), android ? 0x0018 : NO_PIN));
        jpki.put(0x000B, new CardFile.Binary(personalisation.authCaCertDer(), NO_PIN));
        jpki.put(0x0017, new CardFile.Key(personalisation.authKey(), iphone ? NO_PIN : 0x0018));
        jpki.put(0x0018, new CardFile.Pin(personalisation.authPin(), 3));
        applications.put(Aid.JPKI, jpki);

        // 共通カードAP record EF 0001: 15-digit card serial + 5-digit municipality code + expiry YYYYMMDD.
        applications.put(
                Aid.COMMON_CARD,
                Map.of(
                        0x0001,
                        new CardFile.Records(List.of(
                                ("000000000000001" + "13101" + "20350217").getBytes(StandardCharsets.US_ASCII)))));
        applications.put(Aid.CARD_FACE, new HashMap<>());
        applications.put(Aid.JUKI, new HashMap<>());
        // A dummy number: the guard must keep every command of ours away from it.
        applications.put(
                Aid.TEXT_INPUT_SUPPORT,
                Map.of(0x0001, new CardFile.Binary("000000000000".getBytes(StandardCharsets.US_ASCII), NO_PIN)));
        reset();
    }

    /** Changes how the card behaves (extended length, latency, faults); the card is placed anew. */
    public MyNumberCardSimulator behave(CardBehaviour behaviour) {
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
        placed();
        return this;
    }

    public CardBehaviour behaviour() {
        return behaviour;
    }

    /** GET CHALLENGE answers a repeatable sequence from here on: recorded transcripts stay the same run after run. */
    public synchronized MyNumberCardSimulator repeatableChallenges(long seed) {
        random = new Random(seed);
        return this;
    }

    /** Exhausts the auth PIN's retry counter, as three wrong PINs would (a 「ロック」 card for the municipal office). */
    public synchronized MyNumberCardSimulator blockAuthPin() {
        triesLeft.put(pinKey(Aid.JPKI, 0x0018), 0);
        return this;
    }

    /**
     * Makes this a 顔認証マイナンバーカード: issued without an auth PIN, so VERIFY answers 6A88 (no such reference data)
     * and the auth key never signs (docs/spec-notes/cards-2026.md#face-only-card).
     */
    public synchronized MyNumberCardSimulator withoutAuthPin() {
        noAuthPin = true;
        return this;
    }

    /** The card is put on the reader (again): the removal fault counts from here. */
    public synchronized void placed() {
        answeredSincePlaced = 0;
        pulled = false;
    }

    /**
     * Whether the card is still on the reader for the next APDU; false from the point {@link CardBehaviour#removeAfter()}
     * says it is pulled. Transports ask before every APDU and report the card gone when it is.
     */
    public synchronized boolean takesNextCommand() {
        long limit = behaviour.removeAfter();
        if (limit != CardBehaviour.NEVER && answeredSincePlaced >= limit) {
            pulled = true;
        }
        return !pulled;
    }

    public byte[] atr() {
        return ATR.clone();
    }

    /** Power cycle: nothing selected, no PIN verified. Retry counters survive, as on the real chip. */
    public synchronized void reset() {
        currentApplication = null;
        currentFile = null;
        verified.clear();
        applications.forEach((aid, files) -> files.forEach((fid, file) -> {
            if (file instanceof CardFile.Pin pin) {
                triesLeft.putIfAbsent(pinKey(aid, fid), pin.maxTries());
            }
        }));
    }

    /** Whether anything ever selected the application holding the My Number, its image EF or 照合番号A. */
    public boolean myNumberApplicationSelected() {
        return myNumberApplicationSelected;
    }

    /** Commands processed since creation (for tests and benchmarks). */
    public synchronized long commandCount() {
        return commands;
    }

    /** Processes one command APDU and returns the response APDU bytes (data + SW1 SW2). */
    public byte[] process(byte[] apdu) {
        CardBehaviour now = behaviour;
        if (!now.latency().isZero()) {
            try {
                Thread.sleep(now.latency());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            commands++;
            answeredSincePlaced++;
            if (now.garbageAfter() != CardBehaviour.NEVER && answeredSincePlaced > now.garbageAfter()) {
                return status(CardBehaviour.GARBAGE_SW);
            }
            return answer(apdu, now);
        }
    }

    private byte[] answer(byte[] apdu, CardBehaviour now) {
        CommandApdu command;
        try {
            command = CommandApdu.parse(apdu);
        } catch (IllegalArgumentException e) {
            return status(Iso7816.SW_WRONG_LENGTH);
        }
        if (command.extended() && !now.extendedLength()) {
            return status(Iso7816.SW_WRONG_LENGTH);
        }
        if (command.cla() != 0x00 && command.cla() != 0x80) {
            return status(Iso7816.SW_CLA_NOT_SUPPORTED);
        }
        ResponseApdu answer = switch (command.ins()) {
            case Iso7816.INS_SELECT -> select(command);
            case Iso7816.INS_READ_BINARY -> readBinary(command);
            case Iso7816.INS_READ_RECORD -> readRecord(command);
            case Iso7816.INS_VERIFY -> verify(command);
            case Iso7816.INS_COMPUTE_SIGNATURE ->
                command.cla() == 0x80 ? computeSignature(command) : ResponseApdu.status(Iso7816.SW_CLA_NOT_SUPPORTED);
            case Iso7816.INS_GET_CHALLENGE -> getChallenge(command);
            default -> ResponseApdu.status(Iso7816.SW_INS_NOT_SUPPORTED);
        };
        return answer.bytes();
    }

    private ResponseApdu select(CommandApdu c) {
        byte[] data = c.data();
        switch (c.p1()) {
            case Iso7816.P1_SELECT_BY_NAME -> {
                for (Aid aid : applications.keySet()) {
                    if (aid.matches(data)) {
                        currentApplication = aid;
                        currentFile = null;
                        if (aid == Aid.TEXT_INPUT_SUPPORT) {
                            myNumberApplicationSelected = true;
                        }
                        return ResponseApdu.status(Iso7816.SW_OK);
                    }
                }
                return ResponseApdu.status(Iso7816.SW_FILE_NOT_FOUND);
            }
            case Iso7816.P1_SELECT_EF -> {
                if (data.length != 2) {
                    return ResponseApdu.status(Iso7816.SW_WRONG_LENGTH);
                }
                int fid = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
                if (file(fid) == null) {
                    return ResponseApdu.status(Iso7816.SW_FILE_NOT_FOUND);
                }
                currentFile = fid;
                if (currentApplication == Aid.CARD_FACE && (fid == 0x0005 || fid == 0x0013)) {
                    myNumberApplicationSelected = true;
                }
                return ResponseApdu.status(Iso7816.SW_OK);
            }
            default -> {
                // SELECT MF is silently ignored while an application is current (a quirk of the real card).
                return ResponseApdu.status(Iso7816.SW_OK);
            }
        }
    }

    private ResponseApdu readBinary(CommandApdu c) {
        int offset;
        if ((c.p1() & 0x80) != 0) {
            int sfi = c.p1() & 0x1F;
            if (file(sfi) == null) {
                return ResponseApdu.status(Iso7816.SW_FILE_NOT_FOUND);
            }
            currentFile = sfi;
            offset = c.p2();
        } else {
            offset = ((c.p1() & 0x7F) << 8) | c.p2();
        }
        if (!(current() instanceof CardFile.Binary binary)) {
            return ResponseApdu.status(
                    currentFile == null ? Iso7816.SW_CONDITIONS_NOT_SATISFIED : Iso7816.SW_COMMAND_NOT_ALLOWED);
        }
        if (binary.pinFid() != NO_PIN && !verified.contains(pinKey(currentApplication, binary.pinFid()))) {
            return ResponseApdu.status(Iso7816.SW_SECURITY_NOT_SATISFIED);
        }
        byte[] content = binary.content();
        if (offset >= content.length) {
            return ResponseApdu.status(Iso7816.SW_WRONG_P1P2);
        }
        int le = c.le() == CommandApdu.NO_LE ? 256 : c.le();
        int end = Math.min(content.length, offset + le);
        byte[] data = Arrays.copyOfRange(content, offset, end);
        return end - offset < le ? new ResponseApdu(data, 0x62, 0x82) : ResponseApdu.ok(data);
    }

    private ResponseApdu readRecord(CommandApdu c) {
        if (!(current() instanceof CardFile.Records records)) {
            return ResponseApdu.status(Iso7816.SW_COMMAND_NOT_ALLOWED);
        }
        int number = c.p1();
        if (number < 1 || number > records.records().size()) {
            return ResponseApdu.status(Iso7816.SW_RECORD_NOT_FOUND);
        }
        return ResponseApdu.ok(records.records().get(number - 1));
    }

    private ResponseApdu verify(CommandApdu c) {
        if ((c.p2() & 0x1F) != 0 && (c.p2() & 0x80) != 0) {
            int sfi = c.p2() & 0x1F;
            if (file(sfi) == null) {
                return ResponseApdu.status(Iso7816.SW_FILE_NOT_FOUND);
            }
            currentFile = sfi;
        }
        if (noAuthPin && currentApplication == Aid.JPKI) {
            return ResponseApdu.status(Iso7816.SW_REFERENCE_DATA_NOT_FOUND);
        }
        if (!(current() instanceof CardFile.Pin pin)) {
            return ResponseApdu.status(Iso7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        int key = pinKey(currentApplication, currentFile);
        int left = triesLeft.get(key);
        byte[] data = c.data();
        if (data.length == 0) {
            if (left == 0) {
                return ResponseApdu.status(Iso7816.SW_REFERENCE_DATA_BLOCKED);
            }
            return verified.contains(key) ? ResponseApdu.status(Iso7816.SW_OK) : ResponseApdu.status(0x63C0 | left);
        }
        if (left == 0) {
            return ResponseApdu.status(Iso7816.SW_REFERENCE_DATA_BLOCKED);
        }
        if (Arrays.equals(data, pin.value().getBytes(StandardCharsets.US_ASCII))) {
            triesLeft.put(key, pin.maxTries());
            verified.add(key);
            return ResponseApdu.status(Iso7816.SW_OK);
        }
        triesLeft.put(key, left - 1);
        verified.remove(key);
        return ResponseApdu.status(0x63C0 | (left - 1));
    }

    private ResponseApdu computeSignature(CommandApdu c) {
        if (c.p1() != 0x00) {
            return ResponseApdu.status(Iso7816.SW_WRONG_P1P2);
        }
        if (c.p2() == 0x00 && currentApplication == Aid.CARD_FACE && cardFaceKey != null) {
            return sign(cardFaceKey, c.data());
        }
        if (c.p2() == 0x97) {
            currentFile = 0x0017;
        } else if (c.p2() != 0x80) {
            return ResponseApdu.status(Iso7816.SW_WRONG_P1P2);
        }
        if (!(current() instanceof CardFile.Key key)) {
            return ResponseApdu.status(Iso7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        if (key.pinFid() != NO_PIN && !verified.contains(pinKey(currentApplication, key.pinFid()))) {
            return ResponseApdu.status(Iso7816.SW_SECURITY_NOT_SATISFIED);
        }
        return sign(key.key(), c.data());
    }

    private static ResponseApdu sign(PrivateKey key, byte[] digestInfo) {
        if (digestInfo.length == 0) {
            return ResponseApdu.status(Iso7816.SW_WRONG_DATA);
        }
        try {
            // The card applies PKCS#1 v1.5 (block type 1) to the DigestInfo as given: raw "NONEwithRSA".
            Signature rsa = Signature.getInstance("NONEwithRSA");
            rsa.initSign(key);
            rsa.update(digestInfo);
            return ResponseApdu.ok(rsa.sign());
        } catch (GeneralSecurityException e) {
            return ResponseApdu.status(Iso7816.SW_WRONG_DATA);
        }
    }

    private ResponseApdu getChallenge(CommandApdu c) {
        int le = c.le() == CommandApdu.NO_LE ? 8 : c.le();
        if (le != 8 && le != 16) {
            return ResponseApdu.status(Iso7816.SW_WRONG_LENGTH);
        }
        byte[] challenge = new byte[le];
        random.nextBytes(challenge);
        return ResponseApdu.ok(challenge);
    }

    private CardFile current() {
        return currentFile == null ? null : file(currentFile);
    }

    private CardFile file(int fid) {
        if (currentApplication == null) {
            return null;
        }
        return applications.get(currentApplication).get(fid);
    }

    private static int pinKey(Aid aid, int fid) {
        return aid.ordinal() << 16 | fid;
    }

    private static byte[] status(int sw) {
        return ResponseApdu.status(sw).bytes();
    }

    private static byte[] padded(String label, int length) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) ' ');
        byte[] text = label.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, out, 0, Math.min(text.length, length));
        return out;
    }
}
