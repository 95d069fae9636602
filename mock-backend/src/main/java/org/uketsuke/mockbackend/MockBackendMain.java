package org.uketsuke.mockbackend;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the mock backend on its own until the process is stopped:
 * {@code MockBackendMain [--port 8443] [--state mock-backend-state] [--seed 42] [--people 1000]
 * [--expired-server-certificate]}. The terminal's TLS
 * material is {@code <state>/pki/terminal.p12} (password {@code uketsuke-test}, test material only).
 */
public final class MockBackendMain {

    private MockBackendMain() {}

    /** The command line, as a config; an unknown option or a missing value is an {@link IllegalArgumentException}. */
    public static MockBackendConfig parse(String... args) {
        Path state = Path.of("mock-backend-state");
        int port = 8443;
        long seed = 42;
        int people = 1000;
        boolean expired = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--expired-server-certificate")) {
                expired = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--port" -> port = Integer.parseInt(value);
                    case "--state" -> state = Path.of(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--people" -> people = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, not " + value, e);
            }
        }
        return new MockBackendConfig(state, port, seed, people, expired);
    }

    public static void main(String[] args) throws InterruptedException {
        MockBackendConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: MockBackendMain [--port 8443] [--state DIR] [--seed 42] [--people 1000]"
                    + " [--expired-server-certificate]");
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        MockBackend backend = MockBackend.start(config);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            backend.close();
            stopped.countDown();
        }));
        System.out.println("mock backend listening on " + backend.baseUri() + " (state "
                + config.stateDir().toAbsolutePath() + ", " + backend.people() + " people)");
        stopped.await();
    }
}
