package org.uketsuke.app.production;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.terminal.TerminalStartException;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.TlsMaterial;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.camera.OpenCvCameraSource;
import org.uketsuke.reader.pcsc.CardServiceUnavailableException;
import org.uketsuke.reader.pcsc.PcscReaders;

/**
 * The settings screen's live checks of what a configuration names: the readers the card service lists (and which
 * holds a card), whether the camera gives frames and how many a second, the terminal certificate's subject and
 * expiry, and whether the backend answers over mTLS with it. Each call blocks: run it on a worker.
 */
public final class TerminalDiagnostics {

    /** Opens a camera by device index, size and rate (production: OpenCV's VideoCapture). */
    @FunctionalInterface
    public interface CameraOpener {
        CameraSource open(int device, int width, int height, int fps);
    }

    public sealed interface Readers {
        record Listed(List<Reader> readers) implements Readers {
            public Listed {
                readers = List.copyOf(readers);
            }
        }

        record ServiceDown(String reason) implements Readers {}
    }

    public record Reader(String name, boolean cardPresent) {}

    public sealed interface CameraCheck {
        /** {@code frames} frames of {@code width}×{@code height} arrived at {@code fps} a second. */
        record Frames(int frames, double fps, int width, int height) implements CameraCheck {}

        record NoFrame(String reason) implements CameraCheck {}
    }

    public sealed interface CertificateCheck {
        record Loaded(String subject, Instant notAfter, boolean expired) implements CertificateCheck {}

        /** @param key the configuration key of the file at fault */
        record Unusable(String key, String reason) implements CertificateCheck {}
    }

    public sealed interface ConnectionCheck {
        record Reached(long millis) implements ConnectionCheck {}

        record Failed(String reason) implements ConnectionCheck {}
    }

    private final CameraOpener cameras;
    private final UnaryOperator<String> environment;
    private final Clock clock;

    public TerminalDiagnostics(CameraOpener cameras, UnaryOperator<String> environment, Clock clock) {
        this.cameras = cameras;
        this.environment = environment;
        this.clock = clock;
    }

    /** The real devices: the PC/SC service, OpenCV cameras, the process environment. */
    public static TerminalDiagnostics system() {
        return new TerminalDiagnostics(OpenCvCameraSource::new, System::getenv, Clock.systemUTC());
    }

    public Readers readers() {
        PcscReaders pcsc = new PcscReaders();
        try {
            List<Reader> found = new ArrayList<>();
            for (String name : pcsc.readers()) {
                found.add(new Reader(name, pcsc.cardPresent(name)));
            }
            return new Readers.Listed(found);
        } catch (CardServiceUnavailableException e) {
            return new Readers.ServiceDown(e.getMessage());
        }
    }

    /** Reads frames for {@code during} and counts them. */
    public CameraCheck camera(int device, int width, int height, int fps, Duration during) {
        try (CameraSource camera = cameras.open(device, width, height, fps)) {
            long start = System.nanoTime();
            long end = start + during.toNanos();
            int frames = 0;
            int w = 0;
            int h = 0;
            while (System.nanoTime() < end) {
                switch (camera.next()) {
                    case CameraSource.Capture.Got got -> {
                        try (var frame = got.frame()) {
                            frames++;
                            w = frame.width();
                            h = frame.height();
                        }
                    }
                    case CameraSource.Capture.Ended ended -> end = 0;
                    case CameraSource.Capture.Unavailable u -> {
                        if (frames == 0) {
                            return new CameraCheck.NoFrame(u.reason());
                        }
                        end = 0;
                    }
                }
            }
            if (frames == 0) {
                return new CameraCheck.NoFrame("no frame in " + during.toMillis() + " ms");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new CameraCheck.Frames(frames, frames / seconds, w, h);
        } catch (RuntimeException e) {
            return new CameraCheck.NoFrame(e.getMessage());
        }
    }

    /** The terminal certificate the credentials hold (the first of its chain). */
    public CertificateCheck certificate(UketsukeConfig.Credentials credentials) {
        try {
            TlsMaterial tls = tls(credentials);
            KeyStore keys = tls.keyStore();
            List<String> aliases =
                    tls.keyAlias().isPresent() ? List.of(tls.keyAlias().get()) : Collections.list(keys.aliases());
            for (String alias : aliases) {
                if (keys.isKeyEntry(alias) && keys.getCertificate(alias) instanceof X509Certificate cert) {
                    Instant notAfter = cert.getNotAfter().toInstant();
                    return new CertificateCheck.Loaded(
                            cert.getSubjectX500Principal().getName(), notAfter, notAfter.isBefore(clock.instant()));
                }
            }
            return new CertificateCheck.Unusable("tls.certificate", "no key entry");
        } catch (TerminalStartException e) {
            return new CertificateCheck.Unusable(e.key(), e.getMessage());
        } catch (GeneralSecurityException e) {
            return new CertificateCheck.Unusable("tls.certificate", e.getMessage());
        }
    }

    /** Asks the backend for a nonce (changes nothing there) over mTLS with the credentials. */
    public ConnectionCheck connect(URI backend, UketsukeConfig.Credentials credentials, Duration timeout) {
        TlsMaterial tls;
        try {
            tls = tls(credentials);
        } catch (TerminalStartException e) {
            return new ConnectionCheck.Failed(e.describe());
        }
        long start = System.nanoTime();
        try {
            return switch (new HttpsEligibilityClient(backend, tls, timeout).nonce()) {
                case NonceOutcome.Issued issued -> new ConnectionCheck.Reached((System.nanoTime() - start) / 1_000_000);
                case Unavailable u -> new ConnectionCheck.Failed(u.reason() + ": " + u.diagnostic());
            };
        } catch (RuntimeException e) {
            return new ConnectionCheck.Failed(e.getMessage());
        }
    }

    private TlsMaterial tls(UketsukeConfig.Credentials credentials) {
        return ProductionTerminal.tls(credentials, environment);
    }
}
