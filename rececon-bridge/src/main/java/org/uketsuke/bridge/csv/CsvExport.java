package org.uketsuke.bridge.csv;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The CSV export for レセコン that import CSV: one file per day ({@code uketsuke-qualifications-YYYYMMDD.csv}, the day in
 * {@code zone}) in {@code folder}, one row per confirmation.
 *
 * @param charset UTF-8 or Windows-31J (Shift_JIS as Windows writes it), whichever the レセコン's import reads
 */
public record CsvExport(Path folder, Charset charset, ZoneId zone) {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    public CsvExport {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(zone, "zone");
    }

    public CsvExport(Path folder, Charset charset) {
        this(folder, charset, JAPAN);
    }
}
