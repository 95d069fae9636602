package org.uketsuke.training;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.uketsuke.app.config.DataDirectories;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.uketsuke.reader.sim.CardPersona;
import org.uketsuke.reader.sim.CardPersonalisation;
import org.uketsuke.reader.sim.CardPersonas;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VpcdConnector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code uketsuke card simulate --persona NAME}: puts a virtual My Number card into the local pcscd through vpcd, so
 * installers and other tools can try a reader stack without a real card. The card is issued by the mock backend on
 * the demo's state (the test CA and population {@code ./uketsuke demo} uses; {@code ./uketsuke backend} has its own
 * unless given the same {@code --state}). The
 * personas are card-sim's {@link CardPersonas}; each is issued by the mock backend's test JPKI CA for a person of its
 * generated population (as the demo's card is), so a backend on the same state directory answers for it — or refuses
 * it, as an expired, revoked or unregistered card is refused.
 */
@Command(
        name = "card",
        mixinStandardHelpOptions = true,
        description = "Virtual cards for trying a reader stack.",
        subcommands = {CardCommand.Simulate.class})
public final class CardCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "simulate", description = "Connect a virtual card to the local vpcd until Ctrl-C.")
    static final class Simulate implements Callable<Integer> {
        @Option(
                names = "--persona",
                defaultValue = "patient",
                description = "Which card: ${COMPLETION-CANDIDATES} (default patient); --list describes them.",
                completionCandidates = PersonaNames.class)
        String persona;

        @Option(names = "--list", description = "Describe the personas and exit.")
        boolean list;

        @Option(
                names = "--person",
                defaultValue = "-1",
                description = "Index of the person in the mock population"
                        + " (default 0, the demo's patient; for revoked the last one, so the demo's card stays valid;"
                        + " for new-insurance 47, whose new insurance is not registered yet).")
        int person;

        @Option(
                names = "--vpcd-port",
                defaultValue = "" + VpcdConnector.DEFAULT_PORT,
                description = "vpcd's port: 35963 = reader \"Virtual PCD 00 00\", 35964 = \"… 00 01\".")
        int vpcdPort;

        @Option(names = "--latency-ms", defaultValue = "50", description = "With slow: added per APDU.")
        long latencyMs;

        @Option(names = "--after", defaultValue = "-1", description = "With pulled / garbage: after how many APDUs.")
        long after;

        @Option(names = "--state", description = "The mock backend's state directory (default: the demo's).")
        Path state;

        @Option(names = "--for", description = "Stop after this many seconds (default: until Ctrl-C).")
        Long seconds;

        @Override
        public Integer call() throws Exception {
            if (list) {
                for (CardPersona p : CardPersonas.all()) {
                    System.out.printf("  %-15s %s%n", p.name(), p.description());
                }
                return 0;
            }
            CardPersona chosen = CardPersonas.byName(persona).orElse(null);
            if (chosen == null) {
                System.err.println("unknown persona " + persona + "; one of: " + new PersonaNames().toString());
                return 2;
            }
            Path backendState = state != null
                    ? state
                    : DataDirectories.userData().resolve("demo").resolve("mock-backend");
            MyNumberCardSimulator card;
            try (MockBackend backend = MockBackend.start(new MockBackendConfig(backendState, 0, 42L, 50))) {
                if (person == -1) {
                    person = chosen.certificate() == CardPersona.Certificate.REVOKED
                            ? backend.people() - 1
                            : chosen.person().orElse(0);
                }
                if (person < 0 || person >= backend.people()) {
                    System.err.println("--person must be 0–" + (backend.people() - 1));
                    return 2;
                }
                card = chosen.card(issue(backend, chosen, person), Duration.ofMillis(latencyMs), after);
            }
            System.out.println("virtual card: " + chosen.name() + " — " + chosen.description());
            System.out.println("issued by the test JPKI CA in " + backendState
                    + (chosen.certificate() == CardPersona.Certificate.UNREGISTERED ? "" : ", person #" + person)
                    + "; PIN of the demo cards: 1234");
            return serve(card);
        }

        /** Issues (or finds) the persona's card in the backend's state. */
        private static CardPersonalisation issue(MockBackend backend, CardPersona persona, int person) {
            IssuedCard issued = switch (persona.certificate()) {
                case VALID, REVOKED -> backend.issueCard(person);
                case EXPIRING -> backend.issueExpiringCard(person);
                case EXPIRED_RECENTLY -> backend.issueRecentlyExpiredCard(person);
                case EXPIRED -> backend.issueExpiredCard(person);
                case UNREGISTERED -> backend.issueUnregisteredCard();
            };
            if (persona.certificate() == CardPersona.Certificate.REVOKED) {
                backend.revoke(issued);
            }
            return new CardPersonalisation(
                    issued.authCertDer(), issued.authCaCertDer(), issued.authKey(), issued.pin());
        }

        private int serve(MyNumberCardSimulator card) throws InterruptedException {
            long deadline = seconds == null
                    ? Long.MAX_VALUE
                    : System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            try (VpcdConnector connector = new VpcdConnector(card, "127.0.0.1", vpcdPort)) {
                Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(connector::close));
                while (System.nanoTime() < deadline) {
                    try {
                        connector.connect();
                    } catch (IOException e) {
                        System.out.println("vpcd does not take the card on port " + vpcdPort + " (" + e.getMessage()
                                + "): is pcscd with vsmartcard-vpcd running?");
                        return 1;
                    }
                    System.out.println("card on the reader (vpcd port " + vpcdPort + ")"
                            + (seconds == null ? "; Ctrl-C to stop" : ""));
                    while (System.nanoTime() < deadline && !connector.awaitDisconnected(Duration.ofMillis(200))) {
                        // serving on the connector's thread
                    }
                    if (System.nanoTime() >= deadline) {
                        break;
                    }
                    System.out.println("card taken off the reader; putting it back in 3 s");
                    Thread.sleep(Math.min(3000, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
                }
            }
            System.out.println("card removed; stopped");
            return 0;
        }
    }

    /** The persona names for picocli's help and completion. */
    static final class PersonaNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return CardPersonas.all().stream().map(CardPersona::name).iterator();
        }

        @Override
        public String toString() {
            return CardPersonas.all().stream().map(CardPersona::name).collect(Collectors.joining(", "));
        }
    }
}
