package org.uketsuke.tools.bench;

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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * docs/bench-growth.csv and .png: card → store p95 and the bench's resident memory against the number of earlier
 * confirmations N (log scale). A run replaces the points of the N it measured and keeps the others, so the
 * million-row point (a separate, longer run) stays beside the full run's 0 and 10⁴.
 */
final class GrowthChart {

    record Point(long history, double p95Millis, double rssMiB) {}

    private static final String HEADER = "history,p95_ms,rss_mib";

    private GrowthChart() {}

    static void update(Path csv, List<Point> measured) throws IOException {
        if (measured.isEmpty()) {
            return;
        }
        TreeMap<Long, Point> points = new TreeMap<>();
        read(csv).forEach(p -> points.put(p.history(), p));
        measured.forEach(p -> points.put(p.history(), p));
        List<String> lines = new ArrayList<>(List.of(HEADER));
        points.values()
                .forEach(p ->
                        lines.add(String.format(Locale.ROOT, "%d,%.2f,%.0f", p.history(), p.p95Millis(), p.rssMiB())));
        Files.write(csv, lines, StandardCharsets.UTF_8);
        plot(
                List.copyOf(points.values()),
                csv.resolveSibling(csv.getFileName().toString().replace(".csv", ".png")));
    }

    static List<Point> read(Path csv) throws IOException {
        List<Point> points = new ArrayList<>();
        if (Files.exists(csv)) {
            for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.equals(HEADER)) {
                    String[] f = line.split(",");
                    points.add(new Point(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
                }
            }
        }
        return points;
    }

    /** Two panels side by side, x = N on a log axis (0 drawn at 1), y from 0 to the largest value. */
    private static void plot(List<Point> points, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int width = 900;
        int height = 400;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        panel(g, points, Point::p95Millis, "card → store p95 (ms)", 0, width / 2, height, new Color(0x1f77b4));
        panel(g, points, Point::rssMiB, "terminal JVM RSS (MiB)", width / 2, width / 2, height, new Color(0xd62728));
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void panel(
            Graphics2D g,
            List<Point> points,
            ToDoubleFunction<Point> value,
            String title,
            int left,
            int width,
            int height,
            Color colour) {
        int margin = 55;
        int x0 = left + margin;
        int x1 = left + width - 20;
        int y0 = height - 45;
        int y1 = 35;
        double maxLog = Math.max(
                1,
                Math.ceil(points.stream()
                        .mapToDouble(p -> Math.log10(Math.max(1, p.history())))
                        .max()
                        .orElse(1)));
        double maxValue = points.stream().mapToDouble(value).max().orElse(1) * 1.15;
        g.setColor(Color.BLACK);
        g.drawString(title + " against N earlier confirmations (log)", x0, 20);
        g.drawLine(x0, y0, x1, y0);
        g.drawLine(x0, y0, x0, y1);
        for (int decade = 0; decade <= maxLog; decade++) {
            int x = x0 + (int) ((x1 - x0) * decade / maxLog);
            g.drawLine(x, y0, x, y0 + 4);
            g.drawString(decade == 0 ? "0" : "1e" + decade, x - 10, y0 + 18);
        }
        for (int tick = 0; tick <= 4; tick++) {
            int y = y0 - (y0 - y1) * tick / 4;
            g.drawLine(x0 - 4, y, x0, y);
            g.drawString(String.format(Locale.ROOT, "%.0f", maxValue * tick / 4), left + 8, y + 4);
        }
        g.setColor(colour);
        g.setStroke(new BasicStroke(2f));
        List<Point> sorted =
                points.stream().sorted(Comparator.comparingLong(Point::history)).toList();
        int lastX = -1;
        int lastY = -1;
        for (Point p : sorted) {
            int x = x0 + (int) ((x1 - x0) * Math.log10(Math.max(1, p.history())) / maxLog);
            int y = y0 - (int) ((y0 - y1) * value.applyAsDouble(p) / maxValue);
            g.fillOval(x - 4, y - 4, 8, 8);
            if (lastX >= 0) {
                g.drawLine(lastX, lastY, x, y);
            }
            lastX = x;
            lastY = y;
        }
    }
}
