package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.reader.pcsc.PcscReaders;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VpcdConnector;

/**
 * The card → store row's setting, small: the mock backend in its own JVM, the card served from this JVM through the
 * system pcscd + vpcd, the visits in a terminal JVM of their own. Every visit it prints is one confirmation in the
 * SQLite store, warm-up visits included, and the card answered this JVM's simulator. (The AOT cache the bench's
 * throwaway terminal trains: {@code AotCacheTest}.)
 */
class VisitTerminalVpcdTest {

    private static final String READER = "Virtual PCD 00 00";

    @TempDir
    Path work;

    @Test
    void theTerminalJvmTimesEachVisitAndEveryVisitReachesTheStore() throws Exception {
        Path terminal = Files.createDirectories(work.resolve("terminal"));
        try (VisitBackend backend = VisitBackend.start(work)) {
            MyNumberCardSimulator card = new MyNumberCardSimulator(backend.card());
            try (VpcdConnector inserted = new VpcdConnector(card)) {
                inserted.connect();
                assertThat(new PcscReaders().waitForCardPresent(READER, Duration.ofSeconds(10)))
                        .isTrue();

                // As the bench: a throwaway terminal first, then the row's. Here the class path holds this module's
                // classes folder, so no AOT cache is trained or mapped (the bench's class path is jars only).
                Path cache = work.resolve("visit-terminal.aot");
                Path trainer = Files.createDirectories(work.resolve("trainer"));
                backend.runTerminal(
                        trainer, READER, 2, 1, null, AotCache.train(cache, System.getProperty("java.class.path")));
                assertThat(cache).doesNotExist();
                AotCache mapped = AotCache.use(cache);
                assertThat(mapped).isEqualTo(AotCache.NONE);

                List<String> printed = backend.runTerminal(terminal, READER, 2, 3, null, mapped);

                List<String[]> visits = printed.stream()
                        .filter(l -> l.startsWith("visit "))
                        .map(l -> l.split(" "))
                        .toList();
                assertThat(visits).hasSize(3);
                for (String[] v : visits) {
                    long total = Long.parseLong(v[1]);
                    long parts = Long.parseLong(v[2]) + Long.parseLong(v[3]) + Long.parseLong(v[4]);
                    assertThat(Long.parseLong(v[2])).as("card").isPositive();
                    assertThat(Long.parseLong(v[3])).as("backend").isPositive();
                    assertThat(Long.parseLong(v[4])).as("sinks").isPositive();
                    assertThat(total).isEqualTo(parts);
                }
                assertThat(printed)
                        .anyMatch(l -> l.startsWith("writes "))
                        .anyMatch(l -> l.startsWith("cpu "))
                        .contains("done");
                assertThat(card.commandCount())
                        .as("the card served through vpcd")
                        .isPositive();
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + terminal.resolve("rececon.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from qualification")) {
            rs.next();
            assertThat(rs.getInt(1)).as("2 untimed + 3 timed visits, each once").isEqualTo(5);
        }
    }
}
