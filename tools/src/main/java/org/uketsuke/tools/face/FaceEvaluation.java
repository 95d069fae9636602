package org.uketsuke.tools.face;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.face.OpenCv;
import org.uketsuke.face.chip.ChipPhoto;
import org.uketsuke.face.pipeline.ChipReplay;
import org.uketsuke.face.pipeline.FaceBox;
import org.uketsuke.face.pipeline.FacePipeline;
import org.uketsuke.face.pipeline.PresentationChecks;

/**
 * {@code face eval}: the verifier's genuine and impostor score distributions on a folder of real face images laid out
 * {@code person/image}. Every image is enrolled the way the card stores a photo (head crop, greyscale, 180×222,
 * JPEG 2000) and matched as a live frame against every other image's enrolment. Identities are split in two by a
 * seeded shuffle: the threshold for the target FMR is calibrated on one half and FMR/FNMR are reported on the other,
 * with the counts of pairs behind each figure. Writes {@code roc.csv} and {@code roc.png}.
 */
public final class FaceEvaluation {

    /**
     * What one run found. "All pairs" figures mix both halves; the held-out figures are the ones to quote, with the
     * threshold calibrated on the other half. Every rate comes with the number of pairs behind it.
     */
    public record Report(
            int people,
            int images,
            int failedToEnrol,
            int failedToAcquire,
            int genuinePairs,
            int impostorPairs,
            double configuredThreshold,
            double fmrAtConfigured,
            double fnmrAtConfigured,
            double calibratedThreshold,
            double targetFmr,
            double heldOutFmr,
            double heldOutFnmr,
            int heldOutGenuine,
            int heldOutImpostor,
            double eer,
            double eerThreshold,
            double genuineMean,
            double impostorMean,
            double impostorMax,
            int calibrationPeople,
            int calibrationGenuine,
            int calibrationImpostor,
            double heldOutFmrAtConfigured,
            double heldOutFnmrAtConfigured,
            double heldOutEer,
            double heldOutEerThreshold,
            double genuineMax,
            int listedPairs,
            int unscoredPairs,
            ReplayFigures presentationAttacks) {

        public List<String> lines() {
            List<String> lines = new ArrayList<>(List.of(
                    String.format(
                            Locale.ROOT,
                            "face eval: %d people, %d images (%d failed to enrol, %d failed to acquire);"
                                    + " %d genuine and %d impostor pairs",
                            people,
                            images,
                            failedToEnrol,
                            failedToAcquire,
                            genuinePairs,
                            impostorPairs),
                    String.format(
                            Locale.ROOT,
                            "scores: genuine mean %.3f, max %.3f; impostor mean %.3f, max %.3f",
                            genuineMean,
                            genuineMax,
                            impostorMean,
                            impostorMax),
                    String.format(
                            Locale.ROOT,
                            "at the configured threshold %.2f (all pairs): FMR %.4f %% of %d impostor"
                                    + " pairs (95 %% upper bound %.3f %%), FNMR %.2f %% of %d genuine pairs",
                            configuredThreshold,
                            fmrAtConfigured * 100,
                            impostorPairs,
                            bound(fmrAtConfigured, impostorPairs) * 100,
                            fnmrAtConfigured * 100,
                            genuinePairs),
                    String.format(
                            Locale.ROOT,
                            "calibration half (%d people, %d genuine / %d impostor pairs): threshold for"
                                    + " FMR ≤ %.4f %% is %.3f",
                            calibrationPeople,
                            calibrationGenuine,
                            calibrationImpostor,
                            targetFmr * 100,
                            calibratedThreshold),
                    String.format(
                            Locale.ROOT,
                            "held-out half (%d people, %d genuine / %d impostor pairs) at the calibrated"
                                    + " %.3f: FMR %.4f %% (95 %% upper bound %.3f %%), FNMR %.2f %%",
                            people - calibrationPeople,
                            heldOutGenuine,
                            heldOutImpostor,
                            calibratedThreshold,
                            heldOutFmr * 100,
                            bound(heldOutFmr, heldOutImpostor) * 100,
                            heldOutFnmr * 100),
                    String.format(
                            Locale.ROOT,
                            "held-out half at the configured %.2f: FMR %.4f %% (95 %% upper bound %.3f %%),"
                                    + " FNMR %.2f %%; EER %.2f %% at %.3f",
                            configuredThreshold,
                            heldOutFmrAtConfigured * 100,
                            bound(heldOutFmrAtConfigured, heldOutImpostor) * 100,
                            heldOutFnmrAtConfigured * 100,
                            heldOutEer * 100,
                            heldOutEerThreshold),
                    String.format(
                            Locale.ROOT,
                            "EER %.2f %% at threshold %.3f (all %d pairs)",
                            eer * 100,
                            eerThreshold,
                            genuinePairs + impostorPairs)));
            lines.addAll(presentationAttacks.lines());
            if (listedPairs > 0) {
                lines.add(
                        1,
                        String.format(
                                Locale.ROOT,
                                "pairs file: %d listed pairs, %d scored, %d not scored (no face enrolled or acquired);"
                                        + " a pair counts in a half only when both its people are in that half",
                                listedPairs,
                                listedPairs - unscoredPairs,
                                unscoredPairs));
            }
            if (heldOutImpostor == 0 || calibrationImpostor == 0) {
                lines.add("a half has no impostor pairs (too few people): no FMR can be stated from this set");
            }
            return lines;
        }

        private static double bound(double rate, int pairs) {
            return pairs == 0 ? 1 : ScoreStatistics.fmrUpperBound95((int) Math.round(rate * pairs), pairs);
        }
    }

    /** One image: its embeddings as a chip photo and as a live frame, and its aligned grey faces for the replay check. */
    private record Sample(String person, float[] enrolled, float[] live, Mat enrolledFace, Mat liveFace) {}

    /** A scored comparison: the enrolment of {@code enrolled} against the live frame of {@code live}. */
    private record Comparison(int enrolled, int live, boolean same) {}

    private FaceEvaluation() {}

    /** All pairs of a {@code person/image} folder, through the product's pipeline. */
    public static Report run(Path dataset, Path out, double configuredThreshold, double targetFmr, long seed)
            throws IOException {
        OpenCv.load();
        return run(dataset, out, configuredThreshold, targetFmr, seed, new FacePipeline(), null);
    }

    /**
     * With {@code pairsFile} null: every live image against every other image's enrolment. Otherwise only the listed
     * pairs ({@link PairList}), the first image enrolled, the second live.
     */
    public static Report run(
            Path dataset,
            Path out,
            double configuredThreshold,
            double targetFmr,
            long seed,
            FacePipeline pipeline,
            Path pairsFile)
            throws IOException {
        OpenCv.load();
        List<Path> images = new ArrayList<>();
        List<String> persons = new ArrayList<>();
        Map<Path, Integer> index = new HashMap<>();
        PairList listed = pairsFile == null ? null : PairList.read(pairsFile, dataset);
        if (listed == null) {
            collectFolders(dataset, images, persons);
        } else {
            for (PairList.Pair pair : listed.pairs()) {
                for (int k = 0; k < 2; k++) {
                    Path image = k == 0 ? pair.first() : pair.second();
                    if (index.putIfAbsent(image, images.size()) == null) {
                        images.add(image);
                        persons.add(k == 0 ? pair.firstPerson() : pair.secondPerson());
                    }
                }
            }
        }
        List<String> names =
                new ArrayList<>(persons.stream().distinct().sorted().toList());
        if (names.size() < 2) {
            throw new IllegalArgumentException("the dataset needs at least two people: " + dataset);
        }
        List<Sample> samples = new ArrayList<>();
        int failedToEnrol = 0;
        int failedToAcquire = 0;
        ReplayFigures.Collector presentation = new ReplayFigures.Collector(configuredThreshold);
        for (int i = 0; i < images.size(); i++) {
            Mat image = Imgcodecs.imread(images.get(i).toString());
            float[] enrolled = null;
            float[] live = null;
            Mat enrolledFace = null;
            Mat liveFace = null;
            if (!image.empty()) {
                Mat chip = chipPicture(pipeline, image);
                if (chip != null) {
                    enrolled = embedChip(pipeline, chip);
                    if (enrolled != null) {
                        enrolledFace = pipeline.lastFace();
                        for (ChipReplays.Kind kind : ChipReplays.Kind.values()) {
                            Mat frame = ChipReplays.frame(chip, kind);
                            if (pipeline.analyse(frame) instanceof FacePipeline.Analysis.Face replay) {
                                Mat replayFace = pipeline.lastFace();
                                presentation.replay(
                                        kind,
                                        ChipReplay.correlation(enrolledFace, replayFace),
                                        pipeline.similarity(enrolled, replay.embedding()),
                                        PresentationChecks.chromaSpread(frame, replay.box()));
                                replayFace.release();
                            }
                            frame.release();
                        }
                    }
                    chip.release();
                }
                if (pipeline.analyse(image) instanceof FacePipeline.Analysis.Face f) {
                    live = f.embedding();
                    liveFace = pipeline.lastFace();
                    if (colour(image)) {
                        presentation.live(PresentationChecks.chromaSpread(image, f.box()));
                    }
                }
            }
            image.release();
            if (enrolled == null) {
                failedToEnrol++;
            }
            if (live == null) {
                failedToAcquire++;
            }
            samples.add(new Sample(persons.get(i), enrolled, live, enrolledFace, liveFace));
        }
        List<Comparison> comparisons = new ArrayList<>();
        if (listed == null) {
            for (int i = 0; i < samples.size(); i++) {
                for (int j = 0; j < samples.size(); j++) {
                    if (i != j) {
                        comparisons.add(new Comparison(
                                i,
                                j,
                                samples.get(i).person().equals(samples.get(j).person())));
                    }
                }
            }
        } else {
            for (PairList.Pair pair : listed.pairs()) {
                comparisons.add(new Comparison(index.get(pair.first()), index.get(pair.second()), pair.same()));
            }
        }
        int unscored = listed == null
                ? 0
                : (int) comparisons.stream()
                        .filter(c -> samples.get(c.enrolled()).enrolled() == null
                                || samples.get(c.live()).live() == null)
                        .count();
        Collections.shuffle(names, new Random(seed));
        List<String> calibration = names.subList(0, names.size() / 2);
        ScoreStatistics all = scores(pipeline, samples, comparisons, null);
        ScoreStatistics calibrate = scores(pipeline, samples, comparisons, calibration);
        List<String> heldOutNames = names.subList(names.size() / 2, names.size());
        ScoreStatistics heldOut = scores(pipeline, samples, comparisons, heldOutNames);
        double calibrated = calibrate.thresholdForFmr(targetFmr);
        double[] eer = all.equalErrorRate();
        Files.createDirectories(out);
        writeRoc(all, heldOut, out, configuredThreshold);
        double[] heldOutEer = heldOut.equalErrorRate();
        comparisons.stream()
                .filter(Comparison::same)
                .filter(c -> samples.get(c.enrolled()).enrolledFace() != null
                        && samples.get(c.live()).liveFace() != null)
                .forEach(c -> presentation.genuine(ChipReplay.correlation(
                        samples.get(c.enrolled()).enrolledFace(),
                        samples.get(c.live()).liveFace())));
        for (Sample s : samples) {
            for (Mat face : new Mat[] {s.enrolledFace(), s.liveFace()}) {
                if (face != null) {
                    face.release();
                }
            }
        }
        double genuineMax = all.genuine().length == 0 ? -1 : all.genuine()[all.genuine().length - 1];
        return new Report(
                names.size(),
                images.size(),
                failedToEnrol,
                failedToAcquire,
                all.genuine().length,
                all.impostor().length,
                configuredThreshold,
                all.fmr(configuredThreshold),
                all.fnmr(configuredThreshold),
                calibrated,
                targetFmr,
                heldOut.fmr(calibrated),
                heldOut.fnmr(calibrated),
                heldOut.genuine().length,
                heldOut.impostor().length,
                eer[0],
                eer[1],
                mean(all.genuine()),
                mean(all.impostor()),
                all.impostor().length == 0 ? -1 : all.impostor()[all.impostor().length - 1],
                calibration.size(),
                calibrate.genuine().length,
                calibrate.impostor().length,
                heldOut.fmr(configuredThreshold),
                heldOut.fnmr(configuredThreshold),
                heldOutEer[0],
                heldOutEer[1],
                genuineMax,
                listed == null ? 0 : listed.pairs().size(),
                unscored,
                presentation.figures(genuineMax));
    }

    /** True when the image has colour of its own (not a greyscale picture stored in three channels). */
    private static boolean colour(Mat bgr) {
        if (bgr.channels() < 3) {
            return false;
        }
        List<Mat> channels = new ArrayList<>();
        Core.split(bgr, channels);
        Mat difference = new Mat();
        Core.absdiff(channels.get(0), channels.get(2), difference);
        double mean = Core.mean(difference).val[0];
        difference.release();
        channels.forEach(Mat::release);
        return mean > 2;
    }

    /** The images of a {@code person/image} folder, with their person. */
    private static void collectFolders(Path dataset, List<Path> images, List<String> persons) throws IOException {
        List<Path> people;
        try (Stream<Path> dirs = Files.list(dataset)) {
            people = dirs.filter(Files::isDirectory).sorted().toList();
        }
        for (Path person : people) {
            try (Stream<Path> list = Files.list(person)) {
                list.filter(p -> p.getFileName()
                                .toString()
                                .toLowerCase(Locale.ROOT)
                                .matches(".*\\.(jpe?g|png)"))
                        .sorted()
                        .forEach(file -> {
                            images.add(file);
                            persons.add(person.getFileName().toString());
                        });
            }
        }
    }

    /** The image as the card would hold it: head crop around the detected face, greyscale, 180×222, JPEG 2000. */
    static float[] enrol(FacePipeline pipeline, Mat image) {
        Mat chip = chipPicture(pipeline, image);
        if (chip == null) {
            return null;
        }
        try {
            return embedChip(pipeline, chip);
        } finally {
            chip.release();
        }
    }

    /** The decoded chip picture made from {@code image}, or null when it has not exactly one face. */
    private static Mat chipPicture(FacePipeline pipeline, Mat image) {
        List<FaceBox> faces = pipeline.detect(image);
        if (faces.size() != 1) {
            return null;
        }
        FaceBox f = faces.getFirst();
        double w = f.width() * 1.7;
        double h = w * 222 / 180;
        // Pad first, so a face near the edge still gets a head crop of the chip photo's proportions.
        int pad = (int) Math.ceil(h);
        Mat padded = new Mat();
        Core.copyMakeBorder(image, padded, pad, pad, pad, pad, Core.BORDER_REPLICATE);
        double cx = (f.x1() + f.x2()) / 2 + pad;
        double cy = (f.y1() + f.y2()) / 2 + pad;
        int x = (int) (cx - w / 2);
        int y = (int) (cy - h * 0.45);
        int cw = (int) w;
        int ch = (int) h;
        if (cw < 40 || ch < 40) {
            padded.release();
            return null;
        }
        Mat head = new Mat(padded, new Rect(x, y, cw, ch));
        Mat grey = new Mat();
        Imgproc.cvtColor(head, grey, Imgproc.COLOR_BGR2GRAY);
        Mat chip = new Mat();
        Imgproc.resize(grey, chip, new Size(180, 222), 0, 0, Imgproc.INTER_AREA);
        MatOfByte jp2 = new MatOfByte();
        Imgcodecs.imencode(".jp2", chip, jp2, new MatOfInt(Imgcodecs.IMWRITE_JPEG2000_COMPRESSION_X1000, 200));
        grey.release();
        chip.release();
        padded.release();
        return ChipPhoto.decode(jp2.toArray()) instanceof ChipPhoto.Decoded.Ok decoded ? decoded.grey() : null;
    }

    /** The chip picture's embedding, or null when the pipeline finds no usable face in it. */
    private static float[] embedChip(FacePipeline pipeline, Mat chip) {
        return pipeline.analyseChipPhoto(chip) instanceof FacePipeline.Analysis.Face face ? face.embedding() : null;
    }

    /** The comparisons whose two people are both among the given ones (null: all), scored by the pipeline. */
    private static ScoreStatistics scores(
            FacePipeline pipeline, List<Sample> samples, List<Comparison> comparisons, List<String> among) {
        List<Double> genuine = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        for (Comparison c : comparisons) {
            Sample enrolled = samples.get(c.enrolled());
            Sample live = samples.get(c.live());
            if (enrolled.enrolled() == null || live.live() == null) {
                continue;
            }
            if (among != null && !(among.contains(enrolled.person()) && among.contains(live.person()))) {
                continue;
            }
            double score = pipeline.similarity(enrolled.enrolled(), live.live());
            (c.same() ? genuine : impostor).add(score);
        }
        return new ScoreStatistics(
                genuine.stream().mapToDouble(Double::doubleValue).toArray(),
                impostor.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double mean(double[] values) {
        return values.length == 0 ? 0 : Arrays.stream(values).average().orElse(0);
    }

    /** roc.csv (all pairs), roc-heldout.csv and roc.png with both curves, each labelled with its pair counts. */
    private static void writeRoc(ScoreStatistics all, ScoreStatistics heldOut, Path out, double configured)
            throws IOException {
        Files.writeString(out.resolve("roc.csv"), rocCsv(all), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("roc-heldout.csv"), rocCsv(heldOut), StandardCharsets.UTF_8);
        int size = 480;
        int margin = 50;
        BufferedImage png = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = png.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(Color.GRAY);
        g.drawRect(margin, margin, size - 2 * margin, size - 2 * margin);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("FMR (log, 1e-4 .. 1)", size / 2 - 50, size - 15);
        g.drawString("1 - FNMR", 4, size / 2);
        g.drawString("ROC of the face verifier (DET style)", margin, 30);
        curve(g, all, new Color(0x1f5fbf), size, margin);
        curve(g, heldOut, new Color(0xe08020), size, margin);
        legend(g, new Color(0x1f5fbf), "all pairs", all, margin + 8, size - margin - 28);
        legend(g, new Color(0xe08020), "held-out half", heldOut, margin + 8, size - margin - 12);
        double fmr = Math.max(all.fmr(configured), 1e-4);
        int x = margin + (int) ((Math.log10(fmr) + 4) / 4 * (size - 2 * margin));
        int y = size - margin - (int) ((1 - all.fnmr(configured)) * (size - 2 * margin));
        g.setColor(new Color(0xc03030));
        g.fillOval(x - 5, y - 5, 10, 10);
        g.drawString(
                String.format(Locale.ROOT, "threshold %.2f", configured),
                Math.min(x + 8, size - 110),
                Math.max(y - 8, margin + 12));
        g.dispose();
        ImageIO.write(png, "png", out.resolve("roc.png").toFile());
    }

    private static String rocCsv(ScoreStatistics stats) {
        StringBuilder csv = new StringBuilder("threshold,fmr,fnmr\n");
        for (int i = -100; i <= 100; i++) {
            double t = i / 100.0;
            csv.append(String.format(Locale.ROOT, "%.2f,%.6f,%.6f%n", t, stats.fmr(t), stats.fnmr(t)));
        }
        return csv.toString();
    }

    private static void legend(Graphics2D g, Color colour, String what, ScoreStatistics stats, int x, int y) {
        g.setColor(colour);
        g.drawString(
                String.format(
                        Locale.ROOT,
                        "%s: %d genuine / %d impostor",
                        what,
                        stats.genuine().length,
                        stats.impostor().length),
                x,
                y);
    }

    private static void curve(Graphics2D g, ScoreStatistics stats, Color colour, int size, int margin) {
        if (stats.genuine().length == 0 || stats.impostor().length == 0) {
            return;
        }
        g.setColor(colour);
        g.setStroke(new BasicStroke(2f));
        int[] previous = null;
        for (int i = -100; i <= 100; i++) {
            double t = i / 100.0;
            double fmr = Math.max(stats.fmr(t), 1e-4);
            int x = margin + (int) ((Math.log10(fmr) + 4) / 4 * (size - 2 * margin));
            int y = size - margin - (int) ((1 - stats.fnmr(t)) * (size - 2 * margin));
            if (previous != null) {
                g.drawLine(previous[0], previous[1], x, y);
            }
            previous = new int[] {x, y};
        }
    }
}
