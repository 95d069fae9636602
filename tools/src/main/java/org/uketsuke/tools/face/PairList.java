package org.uketsuke.tools.face;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A verification protocol's labelled image pairs ({@code face eval --pairs FILE}), in either of two layouts:
 *
 * <ul>
 *   <li>LFW's {@code pairs.txt}: {@code name n1 n2} (two images of one person) and {@code name1 n1 name2 n2} (two
 *       people), images at {@code DATASET/name/name_%04d.jpg} (or .png); a header of one or two numbers (LFW's
 *       "10 300") is skipped.
 *   <li>Explicit: {@code path1 path2 label}, paths relative to the dataset folder, the person being each image's
 *       folder, label {@code same}/{@code 1}/{@code genuine} or {@code different}/{@code 0}/{@code impostor}.
 * </ul>
 *
 * Fields are separated by tabs or spaces; blank lines and lines starting with {@code #} are ignored. A line that fits
 * neither layout, or an image that is not there, is refused with its line number.
 */
record PairList(List<Pair> pairs) {

    /** One listed pair: the first image is enrolled like a chip photo, the second matched as a live frame. */
    record Pair(Path first, String firstPerson, Path second, String secondPerson, boolean same) {}

    private static final Set<String> SAME = Set.of("same", "1", "genuine", "match");
    private static final Set<String> DIFFERENT = Set.of("different", "0", "impostor", "mismatch");

    static PairList read(Path file, Path dataset) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Pair> pairs = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            Pair pair = parse(f, dataset);
            if (pair == null) {
                if (pairs.isEmpty() && f.length <= 2 && isNumber(f[0]) && isNumber(f[f.length - 1])) {
                    continue; // LFW's header: folds and pairs per fold
                }
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "%s line %d: expected 'name n1 n2', 'name1 n1 name2 n2' or 'path1 path2 same|different': %s",
                        file,
                        n + 1,
                        line));
            }
            for (Path image : List.of(pair.first(), pair.second())) {
                if (!Files.isRegularFile(image)) {
                    throw new IllegalArgumentException(
                            String.format(Locale.ROOT, "%s line %d: no image %s", file, n + 1, image));
                }
            }
            pairs.add(pair);
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(file + " lists no pairs");
        }
        return new PairList(List.copyOf(pairs));
    }

    private static Pair parse(String[] f, Path dataset) {
        if (f.length == 3 && isNumber(f[1]) && isNumber(f[2])) {
            return new Pair(lfw(dataset, f[0], f[1]), f[0], lfw(dataset, f[0], f[2]), f[0], true);
        }
        if (f.length == 4 && isNumber(f[1]) && isNumber(f[3])) {
            return new Pair(lfw(dataset, f[0], f[1]), f[0], lfw(dataset, f[2], f[3]), f[2], false);
        }
        if (f.length == 3) {
            String label = f[2].toLowerCase(Locale.ROOT);
            if (SAME.contains(label) || DIFFERENT.contains(label)) {
                Path first = dataset.resolve(f[0]);
                Path second = dataset.resolve(f[1]);
                return new Pair(first, person(first), second, person(second), SAME.contains(label));
            }
        }
        return null;
    }

    /** LFW's naming: {@code name/name_0001.jpg}; a .png of the same name is taken when there is no .jpg. */
    private static Path lfw(Path dataset, String name, String number) {
        String base = String.format(Locale.ROOT, "%s_%04d", name, Integer.parseInt(number));
        Path jpg = dataset.resolve(name).resolve(base + ".jpg");
        Path png = dataset.resolve(name).resolve(base + ".png");
        return Files.exists(jpg) || !Files.exists(png) ? jpg : png;
    }

    private static String person(Path image) {
        Path parent = image.getParent();
        return parent == null ? "" : parent.getFileName().toString();
    }

    private static boolean isNumber(String s) {
        return s.matches("\\d{1,6}");
    }
}
