package org.uketsuke.app.speech;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.terminal.StaffNotice;

/**
 * Spoken guidance from eSpeak NG's command line ({@code espeak-ng -v ja|en}, Debian package {@code espeak-ng}; ADR
 * 0010). The process gets an argument list, never a shell, and the text on its standard input (UTF-8), so no text is
 * ever read as an option. A new line or {@link #stop} kills the utterance still running. A missing or broken binary
 * gives the staff one notice and the kiosk goes on silently.
 */
public final class EspeakGuidance implements SpokenGuidance {

    /** The staff notice when the binary cannot be started; argument: the command. */
    public static final String NOTICE_MISSING = "notice.speechMissing";

    private static final Logger log = LoggerFactory.getLogger(EspeakGuidance.class);

    private final String command;
    private final List<String> output;
    private final Executor worker;
    private final Consumer<StaffNotice> notices;
    private final Object lock = new Object();
    private Process speaking;
    private boolean unavailable;

    /**
     * @param command the binary, {@code espeak-ng} on the PATH
     * @param output eSpeak NG's output options: none plays on the audio device
     * @param worker where processes are started and killed (not the FX thread)
     * @param notices told once when the binary cannot be started
     */
    public EspeakGuidance(String command, List<String> output, Executor worker, Consumer<StaffNotice> notices) {
        this.command = command;
        this.output = List.copyOf(output);
        this.worker = worker;
        this.notices = notices;
    }

    /** The installed {@code espeak-ng}, on the audio device. */
    public static EspeakGuidance installed(Executor worker, Consumer<StaffNotice> notices) {
        return new EspeakGuidance("espeak-ng", List.of(), worker, notices);
    }

    @Override
    public void say(GuidanceLine line) {
        worker.execute(() -> speak(line));
    }

    @Override
    public void stop() {
        worker.execute(this::silence);
    }

    /** The utterance running now, if any. */
    public Optional<ProcessHandle> speaking() {
        synchronized (lock) {
            return speaking != null && speaking.isAlive() ? Optional.of(speaking.toHandle()) : Optional.empty();
        }
    }

    /**
     * Writes the line as a WAV file instead of playing it (the installation check and the tests); waits for it.
     *
     * @return whether eSpeak NG ran and exited normally
     */
    public boolean writeWave(GuidanceLine line, Path wav) throws InterruptedException {
        List<String> args = new ArrayList<>(arguments(line));
        args.add("-w");
        args.add(wav.toString());
        try {
            Process process = start(args, line);
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            missing(e);
            return false;
        }
    }

    private void speak(GuidanceLine line) {
        synchronized (lock) {
            silence();
            if (unavailable) {
                return;
            }
            List<String> args = new ArrayList<>(arguments(line));
            args.addAll(output);
            try {
                speaking = start(args, line);
            } catch (IOException e) {
                missing(e);
            }
        }
    }

    private void silence() {
        synchronized (lock) {
            if (speaking != null) {
                speaking.descendants().forEach(ProcessHandle::destroyForcibly);
                speaking.destroyForcibly();
                speaking = null;
            }
        }
    }

    private List<String> arguments(GuidanceLine line) {
        // -b 1: the standard input is UTF-8; --stdin: the text comes from there, never from the argument list.
        return List.of(command, "-v", voice(line), "-b", "1", "--stdin");
    }

    private static String voice(GuidanceLine line) {
        return "ja".equals(line.language().getLanguage()) ? "ja" : "en";
    }

    private static Process start(List<String> args, GuidanceLine line) throws IOException {
        Process process = new ProcessBuilder(args)
                .redirectInput(Redirect.PIPE)
                .redirectError(Redirect.DISCARD)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(line.text().getBytes(StandardCharsets.UTF_8));
        }
        return process;
    }

    private void missing(IOException e) {
        boolean first;
        synchronized (lock) {
            first = !unavailable;
            unavailable = true;
        }
        if (first) {
            log.warn("spoken guidance off: {} could not be started ({})", command, e.getMessage());
            notices.accept(new StaffNotice(NOTICE_MISSING, List.of(command)));
        }
    }
}
