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

    /**
     * Markdown lists of the {@code top}: methods by CPU samples on top of the stack (self), our methods by CPU samples
     * anywhere in the stack (total), and where the visits' thread ("main") waits in native code (the native method
     * with the nearest of our methods), which CPU samples do not show: the card, the network and fsync.
     */
    static String hotSpots(Path file, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> waits = new HashMap<>();
        int cpu = 0;
        int waiting = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    cpu++;
                    self.merge(name(frames.getFirst()), 1, Integer::sum);
                    Set<String> ours = new HashSet<>();
                    for (RecordedFrame frame : frames) {
                        if (name(frame).startsWith("org.uketsuke.")) {
                            ours.add(name(frame));
                        }
                    }
                    ours.forEach(n -> total.merge(n, 1, Integer::sum));
                }
                case "jdk.NativeMethodSample" -> {
                    if ("main".equals(event.getThread("sampledThread").getJavaName())) {
                        waiting++;
                        String ours = frames.stream()
                                .map(Profile::name)
                                .filter(n -> n.startsWith("org.uketsuke."))
                                .findFirst()
                                .orElse("?");
                        waits.merge(name(frames.getFirst()) + " ← " + ours, 1, Integer::sum);
                    }
                }
                default -> {}
            }
        }
        StringBuilder text = new StringBuilder();
        text.append(file)
                .append(": ")
                .append(cpu)
                .append(" CPU samples (all threads), ")
                .append(waiting)
                .append(" native samples of the visits' thread\n\nCPU, self:\n");
        list(self, cpu, top, text);
        text.append("\nCPU, our methods in the stack:\n");
        list(total, cpu, top, text);
        text.append("\nThe visits' thread in native code (waiting on the card, the network, the disk):\n");
        list(waits, waiting, top, text);
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
