package org.uketsuke.tools.face.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The build step (face-models' {@code process-resources}, into that jar): converts the fetched TF.js weights into
 * {@code face_recognition_dlib.onnx} and {@code blazeface.onnx} and refuses a result whose sha256 is not the pinned one, so a changed converter
 * or input cannot slip through unnoticed. A converted file whose sha256 is the pinned one is kept in the cache
 * ({@code ~/.cache/uketsuke/onnx}) and copied from there on later builds.
 *
 * <p>{@code ConvertFaceModels TFJS_DIR OUT_DIR}
 */
public final class ConvertFaceModels {

    public static final String RECOGNITION_ONNX = "face_recognition_dlib.onnx";

    /** sha256 of the converter's output for the pinned weights of fetch-tfjs-models.sh. */
    public static final String RECOGNITION_SHA256 = "214d49fb646dbcc02461d0c1b2f615ca88167919687e1c5a3ece3d2aeb89d3fc";

    public static final String BLAZEFACE_ONNX = "blazeface.onnx";

    /** sha256 of {@link TfjsGraphConverter}'s output for the pinned {@code blazeface.json}. */
    public static final String BLAZEFACE_SHA256 = "a6c500a4eb8028aa5bc53d04a854df82d1edeba2002b34b60e613b36c2ed803c";

    /** One converted file: its name, its pin and how it is made from the TF.js folder. */
    private record Model(String file, String sha256, Conversion conversion) {}

    @FunctionalInterface
    private interface Conversion {
        byte[] convert(Path tfjsDir) throws IOException;
    }

    private static final Model RECOGNITION = new Model(
            RECOGNITION_ONNX,
            RECOGNITION_SHA256,
            tfjs -> FaceRecognitionNetConverter.convert(
                    TfjsWeights.read(tfjs.resolve("face_recognition_model-weights_manifest.json"))));

    private static final Model BLAZEFACE = new Model(
            BLAZEFACE_ONNX, BLAZEFACE_SHA256, tfjs -> TfjsGraphConverter.convert(tfjs.resolve("blazeface.json")));

    private ConvertFaceModels() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ConvertFaceModels TFJS_DIR OUT_DIR");
        }
        convert(Path.of(args[0]), Path.of(args[1]), cache());
    }

    /** Writes both nets to {@code outDir}, each from the cache when it holds the pinned file; returns the recogniser. */
    public static Path convert(Path tfjsDir, Path outDir, Path cacheDir) throws IOException {
        convert(BLAZEFACE, tfjsDir, outDir, cacheDir);
        return convert(RECOGNITION, tfjsDir, outDir, cacheDir);
    }

    private static Path convert(Model model, Path tfjsDir, Path outDir, Path cacheDir) throws IOException {
        Files.createDirectories(outDir);
        Path target = outDir.resolve(model.file());
        Path cached = cacheDir.resolve(model.sha256() + ".onnx");
        if (Files.isRegularFile(cached) && sha256(Files.readAllBytes(cached)).equals(model.sha256())) {
            Files.copy(cached, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
        byte[] onnx = model.conversion().convert(tfjsDir);
        String sha = sha256(onnx);
        if (!sha.equals(model.sha256())) {
            throw new IllegalStateException("the converted " + model.file() + " has sha256 " + sha
                    + ", not the pinned " + model.sha256()
                    + ": the converter or its input changed; check the equivalence test, then update the pin");
        }
        Files.write(target, onnx);
        Files.createDirectories(cacheDir);
        Files.write(cached, onnx);
        return target;
    }

    static Path cache() {
        String dir = System.getenv("UKETSUKE_CACHE");
        return (dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "uketsuke"))
                .resolve("onnx");
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
