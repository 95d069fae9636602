package org.uketsuke.app.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a window was and how big (the staff console's, remembered between starts). Kept in the terminal's data folder
 * in a file only the terminal's user may read; a missing or damaged file means "not remembered", never an error.
 */
public record WindowPlacement(double x, double y, double width, double height) {

    /** Wide enough for every column of the staff console's table (time … 負担割合, state, method, assisted by). */
    public static final WindowPlacement CONSOLE_DEFAULT = new WindowPlacement(1040, 0, 1280, 800);

    private static final double MIN_SIZE = 320;

    public WindowPlacement {
        if (!(width >= MIN_SIZE && height >= MIN_SIZE) || !Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("not a window: " + x + "," + y + " " + width + "x" + height);
        }
    }

    /**
     * This placement fitted into the given screen area: it keeps its corner and gives up size while it can stay
     * usable (the staff console beside the kiosk in the demo), else it moves (a monitor removed since, a smaller
     * resolution), so the window never opens cut off at the screen's edge or out of reach.
     */
    public WindowPlacement within(double minX, double minY, double maxWidth, double maxHeight) {
        double[] horizontal = fit(x, width, minX, maxWidth, 640);
        double[] vertical = fit(y, height, minY, maxHeight, 480);
        return new WindowPlacement(horizontal[0], vertical[0], horizontal[1], vertical[1]);
    }

    /** Start and length of one side: shrunk down to {@code floor} where it sticks out, moved beyond that. */
    private static double[] fit(double start, double length, double areaStart, double areaLength, double floor) {
        double end = areaStart + areaLength;
        double size = Math.max(MIN_SIZE, Math.min(length, areaLength));
        double from = Math.max(areaStart, Math.min(start, end - MIN_SIZE));
        if (from + size > end) {
            double room = end - from;
            if (room >= Math.min(size, floor)) {
                size = room;
            } else {
                from = Math.max(areaStart, end - size);
            }
        }
        return new double[] {from, size};
    }

    public static Optional<WindowPlacement> load(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            return Optional.of(new WindowPlacement(
                    Double.parseDouble(p.getProperty("x")),
                    Double.parseDouble(p.getProperty("y")),
                    Double.parseDouble(p.getProperty("width")),
                    Double.parseDouble(p.getProperty("height"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes through a private temporary file and a rename, so a crash never leaves half a file. */
    public void save(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("x", Double.toString(x));
        p.setProperty("y", Double.toString(y));
        p.setProperty("width", Double.toString(width));
        p.setProperty("height", Double.toString(height));
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(
                        folder,
                        ".window",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(folder, ".window", ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            p.store(out, "the staff console's window (Uketsuke)");
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
