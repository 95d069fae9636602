package org.uketsuke.reader.pcsc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real pcscd of this test's own, which the test may stop, kill and start again without disturbing the machine's
 * pcscd or other programs using it: it runs in a private mount namespace ({@code unshare -m}) whose
 * {@code /run/pcscd} is a folder of ours, with its own vpcd reader config on free ports. The test JVM reaches it
 * because its environment names that socket ({@code PCSCLITE_CSOCK_NAME}, set by the private-pcscd Surefire run).
 * Stopped only through the process handle we started. Shared through this module's test jar: card-sim's driver tests
 * and training's whole-visit tests run on it (each module has its own private-pcscd Surefire execution).
 */
public final class PrivatePcscd implements AutoCloseable {

    static final String SOCKET_VARIABLE = "PCSCLITE_CSOCK_NAME";

    private final Path runDir;
    private final Path confDir;
    private final Path emptyConfDir;
    private final int port;
    private Process process;

    private PrivatePcscd(Path runDir, int port) throws IOException {
        this.runDir = runDir;
        this.port = port;
        Path base = runDir.getParent();
        this.confDir = Files.createDirectories(base.resolve("conf"));
        this.emptyConfDir = Files.createDirectories(base.resolve("conf-empty"));
        Files.writeString(confDir.resolve("vpcd"), """
                FRIENDLYNAME "Virtual PCD"
                DEVICENAME   /dev/null:0x%1$04X
                LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so
                CHANNELID    0x%1$04X
                """.formatted(port));
    }

    /** The private pcscd this JVM was configured for; fails with the reason when it cannot be had. */
    public static PrivatePcscd forThisJvm() throws IOException {
        String socket = System.getenv(SOCKET_VARIABLE);
        if (socket == null) {
            throw new IllegalStateException(SOCKET_VARIABLE + " is not set: run this test through Maven (the"
                    + " private-pcscd Surefire execution of its module)");
        }
        for (String tool :
                List.of("/usr/sbin/pcscd", "/usr/bin/unshare", "/usr/lib/pcsc/drivers/serial/libifdvpcd.so")) {
            if (!Files.exists(Path.of(tool))) {
                throw new IllegalStateException(
                        "the watcher test needs " + tool + " (apt-get install pcscd vsmartcard-vpcd)");
            }
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("a private pcscd needs root (unshare -m, mount --bind)");
        }
        Path run = Files.createDirectories(Path.of(socket).getParent());
        return new PrivatePcscd(run, freePortPair());
    }

    /** The vpcd port of the first virtual reader ("Virtual PCD 00 00"); the second is this + 1. */
    public int vpcdPort() {
        return port;
    }

    /** Starts pcscd with the vpcd readers. */
    public PrivatePcscd start() throws IOException {
        return start(confDir);
    }

    /** Starts pcscd with no reader configured at all. */
    public PrivatePcscd startWithoutReaders() throws IOException {
        return start(emptyConfDir);
    }

    private PrivatePcscd start(Path config) throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        Files.createDirectories(Path.of("/run/pcscd"));
        // unshare without --fork execs: the process we hold is pcscd itself.
        process = new ProcessBuilder(
                        "/usr/bin/unshare",
                        "-m",
                        "/bin/sh",
                        "-c",
                        "mount --bind \"$0\" /run/pcscd && exec /usr/sbin/pcscd --foreground -c \"$1\"",
                        runDir.toString(),
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(runDir.getParent().resolve("pcscd.log").toFile())
                .start();
        waitFor(() -> Files.exists(runDir.resolve("pcscd.comm")), "pcscd's socket " + runDir.resolve("pcscd.comm"));
        return this;
    }

    /** A clean stop (SIGTERM), as systemctl stop does. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }

    /** A crash (SIGKILL): the socket file stays behind, as it does for a real crash. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0)) {
                int port = first.getLocalPort();
                if (port >= 0xFFFF) {
                    continue;
                }
                try (ServerSocket second = new ServerSocket(port + 1)) {
                    return port;
                } catch (IOException taken) {
                    // try another pair
                }
            }
        }
        throw new IOException("no two free consecutive ports");
    }

    public interface Condition {
        boolean holds() throws Exception;
    }

    public static void waitFor(Condition condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (!condition.holds()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting for " + what);
                }
                Thread.sleep(20);
            }
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("while waiting for " + what, e);
        }
    }
}
