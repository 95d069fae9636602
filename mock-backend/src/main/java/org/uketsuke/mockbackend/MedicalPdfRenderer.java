package org.uketsuke.mockbackend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.medical.CheckupItem;
import org.uketsuke.eligibility.medical.CheckupResult;
import org.uketsuke.eligibility.medical.Diagnosis;
import org.uketsuke.eligibility.medical.DispensedDrug;
import org.uketsuke.eligibility.medical.MedicalRecords;
import org.uketsuke.eligibility.medical.Operation;
import org.uketsuke.eligibility.medical.TreatmentAct;

/**
 * Renders one category of records as an A4 PDF (Apache PDFBox) with a Japanese TrueType font embedded as a subset,
 * so any viewer shows the drug names. PDFBox embeds TrueType outlines only, hence IPA Gothic (Debian
 * {@code fonts-ipafont-gothic}) rather than Noto CJK's CFF; {@value #FONT_PROPERTY} names another TTF.
 */
final class MedicalPdfRenderer {

    static final String FONT_PROPERTY = "uketsuke.pdf.font";
    private static final List<String> FONT_CANDIDATES = List.of(
            "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
            "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
            "/usr/share/fonts/truetype/ipafont-gothic/ipag.ttf");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm").withZone(ZoneId.of("Asia/Tokyo"));
    private static final float MARGIN = 40;
    private static final float LINE = 13;

    /** The font file, or a clear error naming the package to install. */
    static Path font() {
        String configured = System.getProperty(FONT_PROPERTY);
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured);
        }
        for (String candidate : FONT_CANDIDATES) {
            if (Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException(
                "no Japanese TrueType font for PDFs: install fonts-ipafont-gothic or set -D" + FONT_PROPERTY);
    }

    byte[] render(MedicalRecords records, Qualification person, Instant generatedAt, Instant consentExpiresAt) {
        List<String[]> rows = new ArrayList<>();
        float[] columns;
        String title;
        switch (records) {
            case MedicalRecords.Drugs d -> {
                title = "薬剤情報 (Drug information)";
                columns = new float[] {0, 70, 300, 350, 430};
                rows.add(new String[] {"調剤日", "薬剤名", "数量", "用法", "日数・調剤機関"});
                for (DispensedDrug x : d.drugs()) {
                    rows.add(new String[] {
                        DATE.format(x.dispensed()),
                        x.drugName(),
                        x.quantity().toPlainString() + x.unit(),
                        x.usage(),
                        x.days() + "日 " + x.facility()
                    });
                }
                if (!d.treatments().isEmpty()) {
                    title = "薬剤・診療情報 (Drugs and care)";
                    rows.add(new String[] {"診療日", "診療行為", "回数", "コード", "医療機関"});
                    for (TreatmentAct x : d.treatments()) {
                        rows.add(new String[] {DATE.format(x.date()), x.name(), x.times() + "回", x.code(), x.facility()
                        });
                    }
                }
            }
            case MedicalRecords.Checkups c -> {
                title = "特定健診情報 (Specific health checkups)";
                columns = new float[] {0, 150, 220, 290, 360, 430};
                List<CheckupResult> list = c.checkups();
                String[] header = new String[Math.min(list.size(), 5) + 1];
                header[0] = "項目";
                for (int i = 1; i < header.length; i++) {
                    header[i] = DATE.format(list.get(i - 1).date());
                }
                rows.add(header);
                for (CheckupItem item : CheckupItem.values()) {
                    String[] row = new String[header.length];
                    row[0] = item.nameJa() + " (" + item.unit() + ")";
                    for (int i = 1; i < row.length; i++) {
                        row[i] = list.get(i - 1)
                                .value(item)
                                .map(BigDecimal::toPlainString)
                                .orElse("-");
                    }
                    rows.add(row);
                }
            }
            case MedicalRecords.Diagnoses d -> {
                title = "診療情報 (Diagnoses)";
                columns = new float[] {0, 70, 280, 340};
                rows.add(new String[] {"診療日", "傷病名", "コード", "医療機関"});
                for (Diagnosis x : d.diagnoses()) {
                    rows.add(new String[] {DATE.format(x.date()), x.name(), x.code(), x.facility()});
                }
            }
            case MedicalRecords.Operations o -> {
                title = "手術情報 (Operations)";
                columns = new float[] {0, 70, 330, 390};
                rows.add(new String[] {"手術日", "術式", "コード", "医療機関"});
                for (Operation x : o.operations()) {
                    rows.add(new String[] {DATE.format(x.date()), x.name(), x.code(), x.facility()});
                }
            }
        }
        try (PDDocument document = new PDDocument()) {
            PDType0Font font = PDType0Font.load(document, font().toFile());
            PDRectangle size = PDRectangle.A4;
            PDPage page = null;
            PDPageContentStream out = null;
            float y = 0;
            int index = 0;
            try {
                for (String[] row : rows) {
                    if (out == null || y < MARGIN + LINE) {
                        if (out != null) {
                            out.close();
                        }
                        page = new PDPage(size);
                        document.addPage(page);
                        out = new PDPageContentStream(document, page);
                        y = size.getHeight() - MARGIN;
                        text(out, font, 14, MARGIN, y, title);
                        y -= LINE * 1.6f;
                        text(
                                out,
                                font,
                                9,
                                MARGIN,
                                y,
                                person.name() + "（" + person.nameKana() + "） 生年月日 "
                                        + DATE.format(person.birthdate()) + "  作成 " + TIME.format(generatedAt)
                                        + (consentExpiresAt == null ? "" : "  同意期限 " + TIME.format(consentExpiresAt)));
                        y -= LINE * 1.5f;
                        if (index > 0) {
                            y = row(out, font, columns, y, rows.get(0));
                        }
                    }
                    y = row(out, font, columns, y, row);
                    index++;
                }
                if (rows.size() == 1) {
                    text(out, font, 9, MARGIN, y, "該当する情報はありません。");
                }
            } finally {
                if (out != null) {
                    out.close();
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("could not render the PDF", e);
        }
    }

    private static float row(PDPageContentStream out, PDType0Font font, float[] columns, float y, String[] cells)
            throws IOException {
        for (int i = 0; i < cells.length && i < columns.length; i++) {
            text(out, font, 8.5f, MARGIN + columns[i], y, cells[i]);
        }
        return y - LINE;
    }

    private static void text(PDPageContentStream out, PDType0Font font, float size, float x, float y, String text)
            throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, y);
        out.showText(text);
        out.endText();
    }
}
