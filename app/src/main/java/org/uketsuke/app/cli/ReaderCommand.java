package org.uketsuke.app.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.uketsuke.reader.api.ApduStats;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.jpki.CertificateRead;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.pcsc.CardServiceUnavailableException;
import org.uketsuke.reader.pcsc.PcscReaders;
import org.uketsuke.reader.pcsc.PcscService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code uketsuke reader list|probe}: what an installer or receptionist checks when "the card does not read" — is the
 * card service up, which readers it sees, is a card on them, and does the card answer as a My Number card. Reads only
 * what needs no PIN; prints no personal data (the certificate's subject is an opaque id).
 */
@Command(name = "reader", mixinStandardHelpOptions = true, description = "Card reader diagnostics.",
        subcommands = {ReaderCommand.ListReaders.class, ReaderCommand.Probe.class})
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
                String name = reader != null ? reader : readers.firstReaderWithCard().orElse(null);
                if (name == null) {
                    System.out.println("no card on any reader");
                    return 1;
                }
                System.out.println("reader: " + name);
                try (ApduStats session = new ApduStats(readers.connect(name))) {
                    JpkiCard card = new JpkiCard(session);
                    System.out.println("card: " + card.identify());
                    long before = session.commands();
                    switch (card.readAuthCertificate()) {
                        case CertificateRead.Read read -> {
                            System.out.println("auth certificate: issuer " + read.certificate().getIssuerX500Principal().getName()
                                    + ", valid until " + read.certificate().getNotAfter().toInstant()
                                    + ", " + read.der().length + " bytes in " + (session.commands() - before) + " APDUs");
                        }
                        case CertificateRead.CardRemoved _ -> System.out.println("auth certificate: card removed during the read");
                        case CertificateRead.Failed failed -> System.out.printf("auth certificate: failed at %s (SW %04X)%n",
                                failed.step(), failed.sw());
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
}
