package org.uketsuke.app.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.uketsuke.reader.api.ApduStats;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CardInUseException;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.ReaderEvent;
import org.uketsuke.reader.api.ResponseApdu;
import org.uketsuke.reader.jpki.CertificateRead;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.jpki.PinCheck;
import org.uketsuke.reader.jpki.TokenKind;
import org.uketsuke.reader.pcsc.CardServiceUnavailableException;
import org.uketsuke.reader.pcsc.PcscReaders;
import org.uketsuke.reader.pcsc.PcscService;
import org.uketsuke.reader.pcsc.ReaderWatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code uketsuke reader list|probe|watch|read-cert}: what an installer or receptionist checks when "the card does not
 * read" — is the card service up, which readers it sees, is a card on them, what happens when a card is placed, and
 * does the card answer as a My Number card. Reads only what needs no PIN (a smartphone token's certificate only after
 * {@code --pin-stdin}); prints no personal data (the certificate's subject is an opaque id) and never APDU data.
 */
@Command(
        name = "reader",
        mixinStandardHelpOptions = true,
        description = "Card reader diagnostics.",
        subcommands = {
            ReaderCommand.ListReaders.class,
            ReaderCommand.Probe.class,
            ReaderCommand.Watch.class,
            ReaderCommand.ReadCert.class
        })
public final class ReaderCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "list", description = "The card service's readers and whether a card is on each.")
    static final class ListReaders implements Callable<Integer> {
        @Override
        public Integer call() {
            if (PcscService.ensureRunning(Duration.ofSeconds(5)) instanceof PcscService.Status.Unavailable u) {
                System.out.println("card service: not available — " + u.reason());
                return 1;
            }
            PcscReaders readers = new PcscReaders();
            try {
                List<String> names = readers.readers();
                System.out.println("card service: running, " + names.size() + " reader(s)");
                for (String name : names) {
                    System.out.println("  " + name + (readers.cardPresent(name) ? "  [card present]" : "  [no card]"));
                }
                return 0;
            } catch (CardServiceUnavailableException e) {
                System.out.println("card service: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "probe", description = "Identify the card on a reader and read its auth certificate (no PIN).")
    static final class Probe implements Callable<Integer> {
        @Option(names = "--reader", description = "Reader name (default: the first with a card).")
        String reader;

        @Override
        public Integer call() {
            PcscReaders readers = new PcscReaders();
            try {
                String name =
                        reader != null ? reader : readers.firstReaderWithCard().orElse(null);
                if (name == null) {
                    System.out.println("no card on any reader");
                    return 1;
                }
                System.out.println("reader: " + name);
                try (ApduStats session = new ApduStats(readers.connect(name))) {
                    JpkiCard card = new JpkiCard(session);
                    TokenKind kind = card.identify();
                    System.out.println("card: " + kindText(kind));
                    if (kind == TokenKind.NOT_JPKI) {
                        return 1; // a card answering nonsense has no PIN counter to report
                    }
                    long before = session.commands();
                    boolean read = switch (card.readAuthCertificate()) {
                        case CertificateRead.Read ok -> {
                            System.out.println("auth certificate: issuer "
                                    + ok.certificate().getIssuerX500Principal().getName()
                                    + ", valid until "
                                    + ok.certificate().getNotAfter().toInstant()
                                    + ", " + ok.der().length + " bytes in " + (session.commands() - before)
                                    + " APDUs");
                            yield true;
                        }
                        case CertificateRead.CardRemoved _ -> {
                            System.out.println("auth certificate: card removed during the read");
                            yield false;
                        }
                        case CertificateRead.PinRequiredFirst _ -> {
                            System.out.println("auth certificate: needs the auth PIN first (smartphone JPKI);"
                                    + " see reader read-cert --pin-stdin");
                            yield true;
                        }
                        case CertificateRead.Failed failed -> {
                            System.out.printf("auth certificate: failed at %s (SW %04X)%n", failed.step(), failed.sw());
                            yield false;
                        }
                    };
                    if (!read) {
                        return 1;
                    }
                    System.out.println("auth PIN tries left: " + card.authPinTriesLeft());
                    return 0;
                }
            } catch (CardServiceUnavailableException e) {
                System.out.println("card service: " + e.getMessage());
                return 1;
            } catch (CardGoneException e) {
                System.out.println("card: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "watch", description = "Print reader and card events as they happen, until Ctrl-C.")
    static final class Watch implements Callable<Integer> {
        @Option(names = "--for", description = "Stop after this many seconds.")
        Long seconds;

        @Override
        public Integer call() throws InterruptedException {
            CountDownLatch stopped = new CountDownLatch(1);
            DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
            try (ReaderWatcher watcher = new ReaderWatcher()
                    .addListener(event -> System.out.println(time.format(LocalTime.now()) + "  " + describe(event)))) {
                Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(stopped::countDown));
                System.out.println("watching the card service"
                        + (seconds == null ? " (Ctrl-C to stop)" : " for " + seconds + " s"));
                watcher.start();
                if (seconds == null) {
                    stopped.await();
                } else {
                    stopped.await(seconds, TimeUnit.SECONDS);
                }
            }
            return 0;
        }

        static String describe(ReaderEvent event) {
            return switch (event) {
                case ReaderEvent.ServiceUp up ->
                    "card service running, " + up.readers().size() + " reader(s)";
                case ReaderEvent.ServiceDown down -> "card service DOWN: " + down.reason();
                case ReaderEvent.ReaderAdded added -> "reader added    " + added.reader();
                case ReaderEvent.ReaderRemoved removed -> "reader removed  " + removed.reader();
                case ReaderEvent.CardInserted inserted -> "card inserted   " + inserted.reader();
                case ReaderEvent.CardRemoved removed -> "card removed    " + removed.reader();
            };
        }
    }

    @Command(
            name = "read-cert",
            description = "Read the auth certificate (no PIN) and describe it: DNs, serial, validity, fingerprint.")
    static final class ReadCert implements Callable<Integer> {
        @Option(names = "--reader", description = "Reader name (default: the first with a card).")
        String reader;

        @Option(names = "--transcript", description = "Print each APDU's header and status word (never its data).")
        boolean transcript;

        @Option(names = "--short-apdus", description = "Read with short APDUs only (no extended-length probe).")
        boolean shortApdus;

        @Option(
                names = "--pin-stdin",
                description = "For smartphone JPKI: read the 4-digit auth PIN from standard input first.")
        boolean pinStdin;

        @Override
        public Integer call() throws Exception {
            PcscReaders readers = new PcscReaders();
            try {
                String name =
                        reader != null ? reader : readers.firstReaderWithCard().orElse(null);
                if (name == null) {
                    System.out.println("no card on any reader (カードがありません)");
                    return 1;
                }
                System.out.println("reader: " + name);
                ApduTransport connected = readers.connect(name);
                try (ApduStats session =
                        new ApduStats(transcript ? new Transcript(connected, System.out) : connected)) {
                    JpkiCard card =
                            new JpkiCard(session, shortApdus ? JpkiCard.ReadMode.SHORT : JpkiCard.ReadMode.AUTO);
                    TokenKind kind;
                    switch (card.identification()) {
                        case JpkiCard.Identification.Identified(TokenKind identified) -> kind = identified;
                        case JpkiCard.Identification.CardRemoved() -> {
                            System.out.println("card: removed during identification (カードが取り外されました)");
                            return 1;
                        }
                        case JpkiCard.Identification.Failed(String step, int sw) -> {
                            System.out.printf(
                                    "card type: unknown — the card answered SW %04X at step %s (カードを読み取れません)%n",
                                    sw, step);
                            return 1;
                        }
                    }
                    System.out.println("card type: " + kindText(kind));
                    if (kind == TokenKind.NOT_JPKI) {
                        return 1;
                    }
                    session.reset();
                    CertificateRead read = card.readAuthCertificate();
                    if (read instanceof CertificateRead.PinRequiredFirst && pinStdin) {
                        char[] pin = readPin();
                        try {
                            PinCheck check = card.verifyAuthPin(new String(pin));
                            System.out.println("auth PIN: " + pinText(check));
                            if (!(check instanceof PinCheck.Verified)) {
                                return 1;
                            }
                        } finally {
                            Arrays.fill(pin, '\0');
                        }
                        read = card.readAuthCertificate();
                    }
                    return describe(
                            read, session.commands(), card.extendedLengthUsed().orElse(false));
                }
            } catch (CardInUseException e) {
                System.out.println("card: in use by another program — close it and try again (他のプログラムがカードを使用中です): "
                        + e.getMessage());
                return 1;
            } catch (CardServiceUnavailableException e) {
                System.out.println("card service: " + e.getMessage());
                return 1;
            } catch (CardGoneException e) {
                System.out.println("card: removed or unreachable (カードが取り外されました): " + e.getMessage());
                return 1;
            }
        }

        private static int describe(CertificateRead read, long apdus, boolean extended) throws Exception {
            switch (read) {
                case CertificateRead.Read ok -> {
                    X509Certificate c = ok.certificate();
                    System.out.println("auth certificate (利用者証明用電子証明書):");
                    System.out.println(
                            "  subject:  " + c.getSubjectX500Principal().getName());
                    System.out.println(
                            "  issuer:   " + c.getIssuerX500Principal().getName());
                    System.out.println(
                            "  serial:   " + c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
                    System.out.println("  valid:    " + c.getNotBefore().toInstant() + " – "
                            + c.getNotAfter().toInstant()
                            + (c.getNotAfter().before(new Date()) ? "  EXPIRED (有効期限切れ)" : ""));
                    System.out.println("  SHA-256:  "
                            + HexFormat.ofDelimiter(":")
                                    .withUpperCase()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(ok.der())));
                    System.out.println("  read:     " + ok.der().length + " bytes in " + apdus + " APDUs ("
                            + (extended ? "extended length" : "short APDUs") + ")");
                    return 0;
                }
                case CertificateRead.PinRequiredFirst _ -> {
                    System.out.println("auth certificate: needs the auth PIN first (smartphone JPKI; 暗証番号の入力が必要です)"
                            + " — run again with --pin-stdin");
                    return 1;
                }
                case CertificateRead.CardRemoved _ -> {
                    System.out.println("auth certificate: card removed during the read (カードが取り外されました)");
                    return 1;
                }
                case CertificateRead.Failed failed -> {
                    System.out.printf(
                            "auth certificate: the card answered SW %04X at step %s (カードを読み取れません)%n",
                            failed.sw(), failed.step());
                    return 1;
                }
            }
        }

        private static char[] readPin() throws IOException {
            Reader in = new InputStreamReader(System.in, StandardCharsets.US_ASCII);
            char[] pin = new char[4];
            int n = 0;
            for (int c; n < pin.length && (c = in.read()) >= 0; ) {
                if (c >= '0' && c <= '9') {
                    pin[n++] = (char) c;
                }
            }
            return n == pin.length ? pin : new char[0];
        }
    }

    static String kindText(TokenKind kind) {
        return switch (kind) {
            case MY_NUMBER_CARD -> "My Number card (マイナンバーカード)";
            case JUKI_CARD -> "old 住基 card (住民基本台帳カード)";
            case SMARTPHONE_ANDROID -> "smartphone JPKI, Android (スマホ用電子証明書)";
            case SMARTPHONE_IOS -> "smartphone JPKI, iPhone (スマホ用電子証明書)";
            case NOT_JPKI -> "not a JPKI card (マイナンバーカードではありません)";
        };
    }

    static String pinText(PinCheck check) {
        return switch (check) {
            case PinCheck.Verified _ -> "verified";
            case PinCheck.Wrong wrong -> "wrong, " + wrong.triesLeft() + " tries left (暗証番号が違います)";
            case PinCheck.Blocked _ -> "blocked (ロックされています: 市区町村の窓口で解除)";
            case PinCheck.CardRemoved _ -> "card removed";
            case PinCheck.Failed failed -> String.format("failed at %s (SW %04X)", failed.step(), failed.sw());
        };
    }

    /**
     * Prints each command's header (CLA INS P1 P2, Lc, Le, extended or not) and the answer's status word and length.
     * Never the data: it may be a PIN or a digest.
     */
    static final class Transcript implements ApduTransport {
        private final ApduTransport inner;
        private final PrintStream out;

        Transcript(ApduTransport inner, PrintStream out) {
            this.inner = inner;
            this.out = out;
        }

        @Override
        public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
            String header = command.header().replaceAll("(..)(?=.)", "$1 ");
            String lengths = (command.data().length > 0 ? " Lc=" + command.data().length : "")
                    + (command.le() != CommandApdu.NO_LE ? " Le=" + command.le() : "")
                    + (command.extended() ? " (extended)" : "");
            try {
                ResponseApdu answer = inner.transmit(command);
                out.printf("  > %s%s%n  < SW %04X, %d bytes%n", header, lengths, answer.sw(), answer.data().length);
                return answer;
            } catch (CardGoneException e) {
                out.printf("  > %s%s%n  < (card gone)%n", header, lengths);
                throw e;
            }
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
