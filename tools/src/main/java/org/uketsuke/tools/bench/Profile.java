package org.uketsuke.tools.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code bench --profile FILE}: a JFR recording (the JDK's "profile" settings) of the card → store visits, and their hot
 * spots read back from it: the methods on top of the sampled stacks (self time) and our own methods by how many
 * samples they appear in (total time).
 */
final class Profile implements AutoCloseable {

    private static final Set<String> SAMPLES = Set.of("jdk.ExecutionSample", "jdk.NativeMethodSample");

    private final Recording recording;

    private Profile(Recording recording) {
        this.recording = recording;
    }

    static Profile start(Path file) throws IOException, ParseException {
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setDestination(file);
        recording.setToDisk(true);
        recording.start();
        return new Profile(recording);
    }

    void stop() {
        recording.stop();
    }

    @Override
    public void close() {
        recording.close();
    }

    /** The {@code top} methods by self samples and our methods by total samples, as Markdown lists. */
    static String hotSpots(Path file, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!SAMPLES.contains(event.getEventType().getName()) || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.getFirst()), 1, Integer::sum);
            Set<String> ours = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (name.startsWith("org.uketsuke.")) {
                    ours.add(name);
                }
            }
            ours.forEach(n -> total.merge(n, 1, Integer::sum));
        }
        StringBuilder text = new StringBuilder();
        text.append(samples)
                .append(" stack samples (execution + native) in ")
                .append(file)
                .append("\n\nSelf:\n");
        list(self, samples, top, text);
        text.append("\nOur methods, total (in the stack):\n");
        list(total, samples, top, text);
        return text.toString();
    }

    private static void list(Map<String, Integer> counts, int samples, int top, StringBuilder text) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> text.append(String.format(
                        Locale.ROOT, "- %5.1f %% %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
