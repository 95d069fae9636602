package org.uketsuke.training;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.uketsuke.app.config.DataDirectories;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./uketsuke backend}: the mock qualification backend on its own, until Ctrl+C. */
@Command(
        name = "backend",
        mixinStandardHelpOptions = true,
        description = "Run the mock online-qualification backend (HTTPS, client certificates required).")
public final class BackendCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8443", description = "Port on 127.0.0.1 (0 = any free port).")
    int port;

    @Option(names = "--state", description = "State directory: CA, certificates, population database.")
    Path state;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated population.")
    long seed;

    @Option(names = "--people", defaultValue = "1000", description = "Number of insured people to generate.")
    int people;

    @Option(
            names = "--expired-server-certificate",
            description = "Fault: serve a TLS certificate that expired yesterday (terminals must refuse it).")
    boolean expiredServerCertificate;

    @Override
    public Integer call() throws InterruptedException {
        Path dir = state != null ? state : DataDirectories.userData().resolve("mock-backend");
        CountDownLatch stopped = new CountDownLatch(1);
        MockBackend backend =
                MockBackend.start(new MockBackendConfig(dir, port, seed, people, expiredServerCertificate));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            backend.close();
            stopped.countDown();
        }));
        System.out.println("mock backend listening on " + backend.baseUri() + " (state " + dir + ")");
        stopped.await();
        return 0;
    }
}
