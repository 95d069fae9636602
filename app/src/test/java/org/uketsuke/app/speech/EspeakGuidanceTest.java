package org.uketsuke.app.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.terminal.StaffNotice;
import org.uketsuke.app.ui.KioskSpeech;
import org.uketsuke.app.ui.Messages;

/**
 * The eSpeak NG adapter on the real {@code espeak-ng} (Debian package, installed by {@code ./uketsuke test}): every
 * kiosk step speaks in both languages, a new step or stop() kills the utterance, a missing binary is a notice.
 */
class EspeakGuidanceTest {

    private final List<StaffNotice> notices = new CopyOnWriteArrayList<>();

    /** Runs each request on the calling thread, so the test sees its effect at once. */
    private EspeakGuidance espeak(String command, List<String> output) {
        return new EspeakGuidance(command, output, Runnable::run, notices::add);
    }

    @Test
    void everyKioskStepHasASpeakableTextInJapaneseAndEnglish(@TempDir Path dir) throws Exception {
        EspeakGuidance espeak = espeak("espeak-ng", List.of());
        for (Locale language : List.of(Messages.JAPANESE, Messages.ENGLISH)) {
            Messages messages = new Messages(language);
            for (String key : KioskSpeech.screenKeys()) {
                GuidanceLine line = KioskSpeech.line(messages, key);
                Path wav = dir.resolve(key + "-" + language + ".wav");
                assertThat(espeak.writeWave(line, wav)).as(line.toString()).isTrue();
                byte[] bytes = Files.readAllBytes(wav);
                assertThat(new String(Arrays.copyOf(bytes, 4), StandardCharsets.US_ASCII))
                        .as(wav.toString())
                        .isEqualTo("RIFF");
                // More than a header: eSpeak NG wrote samples (about 44 kB a second).
                assertThat(bytes.length).as(wav.toString()).isGreaterThan(4_000);
            }
        }
        assertThat(notices).isEmpty();
    }

    /**
     * An utterance is held running by writing its WAV to a pipe nobody reads (this machine has no sound card); a new
     * line and stop() must kill it.
     */
    @Test
    void aNewStepAndStopKillTheUtteranceStillRunning() throws Exception {
        EspeakGuidance espeak = espeak("espeak-ng", List.of("--stdout"));
        String long_ = "Please leave the card on the reader and wait a moment. ".repeat(20);
        espeak.say(new GuidanceLine("first", Messages.ENGLISH, long_));
        ProcessHandle first = running(espeak);
        espeak.say(new GuidanceLine("second", Messages.JAPANESE, "カードをそのままにしてください。".repeat(20)));
        first.onExit().get(10, TimeUnit.SECONDS);
        assertThat(first.isAlive()).isFalse();
        ProcessHandle second = running(espeak);
        assertThat(second.pid()).isNotEqualTo(first.pid());
        espeak.stop();
        second.onExit().get(10, TimeUnit.SECONDS);
        assertThat(second.isAlive()).isFalse();
        assertThat(espeak.speaking()).isEmpty();
    }

    private static ProcessHandle running(EspeakGuidance espeak) throws InterruptedException {
        Optional<ProcessHandle> now = espeak.speaking();
        assertThat(now).as("an utterance runs").isPresent();
        // Still running a moment later: it is held by its unread output, not finished.
        Thread.sleep(200);
        assertThat(now.get().isAlive()).isTrue();
        return now.get();
    }

    @Test
    void aMissingBinaryIsOneNoticeAndTheKioskGoesOn(@TempDir Path dir) throws Exception {
        EspeakGuidance espeak = espeak(dir.resolve("espeak-ng").toString(), List.of());
        GuidanceLine line = KioskSpeech.line(new Messages(Messages.JAPANESE), "state.AWAITING_PIN");
        espeak.say(line);
        espeak.say(line);
        espeak.stop();
        assertThat(espeak.writeWave(line, dir.resolve("x.wav"))).isFalse();
        assertThat(espeak.speaking()).isEmpty();
        assertThat(notices)
                .containsExactly(new StaffNotice(
                        EspeakGuidance.NOTICE_MISSING,
                        List.of(dir.resolve("espeak-ng").toString())));
    }

    @Test
    void aTextThatLooksLikeAnOptionIsSpokenNotObeyed(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("option.wav");
        Path planted = dir.resolve("planted.wav");
        EspeakGuidance espeak = espeak("espeak-ng", List.of());
        assertThat(espeak.writeWave(new GuidanceLine("x", Messages.ENGLISH, "-w " + planted + " --version"), wav))
                .isTrue();
        assertThat(planted).doesNotExist();
        assertThat(Files.size(wav)).isGreaterThan(4_000);
    }
}
