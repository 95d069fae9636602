package org.uketsuke.tools.face;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./uketsuke face eval --dataset DIR}: genuine/impostor scores, FMR/FNMR, EER and a ROC on labelled images. */
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

        @Option(names = "--dataset", required = true, description = "Folder with one sub-folder of images per person.")
        Path dataset;

        @Option(
                names = "--out",
                defaultValue = "face-eval",
                description = "Where roc.csv and roc.png go (default ./face-eval).")
        Path out;

        @Option(
                names = "--threshold",
                defaultValue = "0.40",
                description = "The configured decision threshold (default 0.40).")
        double threshold;

        @Option(
                names = "--target-fmr",
                defaultValue = "0.0001",
                description = "FMR to calibrate for (default 0.0001 = 0.01 %%).")
        double targetFmr;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the calibration/held-out split.")
        long seed;

        @Override
        public Integer call() throws Exception {
            FaceEvaluation.Report report = FaceEvaluation.run(dataset, out, threshold, targetFmr, seed);
            report.lines().forEach(System.out::println);
            System.out.println("wrote " + out.resolve("roc.csv") + " and " + out.resolve("roc.png"));
            return 0;
        }
    }
}
