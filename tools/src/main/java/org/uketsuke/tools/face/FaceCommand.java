package org.uketsuke.tools.face;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.uketsuke.face.OpenCv;
import org.uketsuke.face.pipeline.FaceEmbedder;
import org.uketsuke.face.pipeline.FaceLocator;
import org.uketsuke.face.pipeline.FacePipeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./uketsuke face eval --dataset DIR [--pairs FILE] [--embedder dlib] [--detector blazeface]}: genuine/impostor scores, FMR/FNMR, EER and a ROC on labelled images. */
@Command(
        name = "face",
        mixinStandardHelpOptions = true,
        description = "Face verification tools.",
        subcommands = FaceCommand.Eval.class)
public final class FaceCommand {

    @Command(
            name = "eval",
            mixinStandardHelpOptions = true,
            description = "Evaluate the verifier on a folder of person/image files (enrolled like a chip photo).")
    static final class Eval implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", required = true, description = "Folder with one sub-folder of images per person.")
        Path dataset;

        @Option(
                names = "--out",
                defaultValue = "face-eval",
                description = "Where roc.csv and roc.png go (default ./face-eval).")
        Path out;

        @Option(
                names = "--threshold",
                defaultValue = "0.45",
                description = "The configured decision threshold (default 0.45, the product's in dlib's scale).")
        double threshold;

        @Option(
                names = "--target-fmr",
                defaultValue = "0.0001",
                description = "FMR to calibrate for (default 0.0001 = 0.01 %%).")
        double targetFmr;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the calibration/held-out split.")
        long seed;

        @Option(
                names = "--pairs",
                description = "Score only the pairs this file lists (LFW pairs.txt layout, or 'path1 path2"
                        + " same|different' relative to --dataset) instead of all pairs.")
        Path pairs;

        @Option(
                names = "--embedder",
                defaultValue = "dlib",
                description = "Embedding step: dlib (shipped, ADR 0011) or arcface (ADR 0001, measured only).")
        String embedder;

        @Option(
                names = "--detector",
                defaultValue = "blazeface",
                description =
                        "Detector and alignment points: blazeface (shipped, ADR 0011: MediaPipe BlazeFace and its six"
                                + " keypoints) or rfb (ADR 0001: RFB-320 + 68 landmarks, measured only).")
        String detector;

        @Override
        public Integer call() throws Exception {
            OpenCv.load();
            FaceEmbedder chosen = switch (embedder) {
                case "arcface" -> FaceEmbedder.arcFace();
                case "dlib" -> ConvertedModels.recogniser();
                default ->
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--embedder must be arcface or dlib, not " + embedder);
            };
            FacePipeline pipeline = switch (detector) {
                case "rfb" -> new FacePipeline(FaceLocator.rfb(), chosen);
                case "blazeface" -> new FacePipeline(chosen);
                default ->
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--detector must be rfb or blazeface, not " + detector);
            };
            FaceEvaluation.Report report =
                    FaceEvaluation.run(dataset, out, threshold, targetFmr, seed, pipeline, pairs);
            report.lines().forEach(System.out::println);
            System.out.println("wrote " + out.resolve("roc.csv") + " and " + out.resolve("roc.png"));
            return 0;
        }
    }
}
