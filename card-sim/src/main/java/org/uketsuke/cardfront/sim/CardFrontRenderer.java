package org.uketsuke.cardfront.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.uketsuke.eligibility.WarekiDate;

/**
 * Draws a virtual card's printed front (Java2D, Noto Sans CJK JP from Debian's fonts-noto-cjk) at 15 px/mm, in the
 * layout of the real card: 氏名 and 住所 at the top, 生年月日 (和暦, or 西暦 for a foreign resident) and 性別, the
 * 有効期限 box, the セキュリティコード box, 個人番号カード at the bottom, the face photo on the right.
 */
public final class CardFrontRenderer {

    public static final int WIDTH = 1284;
    public static final int HEIGHT = 810;
    static final String FONT = "Noto Sans CJK JP";

    private CardFrontRenderer() {}

    public static BufferedImage render(CardFrontPerson person) {
        requireFont();
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(246, 244, 250), WIDTH, HEIGHT, new Color(236, 240, 246)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            // The faint guilloche of the real card, kept light enough not to read as print.
            g.setColor(new Color(226, 228, 240));
            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i < 9; i++) {
                g.draw(new Ellipse2D.Double(760 + i * 18, 420 - i * 30, 700, 700));
            }
            Color ink = new Color(28, 28, 34);
            Color label = new Color(70, 70, 90);
            g.setColor(label);
            g.setFont(new Font(FONT, Font.PLAIN, 26));
            g.drawString("氏名", 50, 92);
            g.drawString("住所", 50, 192);
            g.setColor(ink);
            g.setFont(new Font(FONT, Font.BOLD, 50));
            g.drawString(person.name(), 140, 96);
            g.setFont(new Font(FONT, Font.PLAIN, 32));
            drawWrapped(g, person.address(), 140, 192, 740, 44);
            g.setFont(new Font(FONT, Font.PLAIN, 36));
            g.drawString(birthLine(person), 50, 350);
            g.drawString("性別 " + person.sex(), 560, 350);
            // 有効期限 in its box.
            g.setColor(new Color(252, 252, 252));
            g.fillRoundRect(40, 395, 620, 66, 12, 12);
            g.setColor(label);
            g.setStroke(new BasicStroke(2f));
            g.drawRoundRect(40, 395, 620, 66, 12, 12);
            g.setColor(ink);
            g.setFont(new Font(FONT, Font.PLAIN, 34));
            g.drawString(expiryLine(person), 60, 441);
            // セキュリティコード box.
            g.setColor(label);
            g.setFont(new Font(FONT, Font.PLAIN, 28));
            g.drawString("セキュリティコード", 50, 560);
            g.setColor(new Color(252, 252, 252));
            g.fillRect(330, 515, 190, 62);
            g.setColor(label);
            g.drawRect(330, 515, 190, 62);
            g.setColor(ink);
            g.setFont(new Font(FONT, Font.BOLD, 40));
            g.drawString(person.securityCode(), 360, 562);
            g.setColor(new Color(40, 60, 120));
            g.setFont(new Font(FONT, Font.BOLD, 40));
            g.drawString("個人番号カード", 50, 750);
            drawPhoto(g, person);
        } finally {
            g.dispose();
        }
        return image;
    }

    public static String birthLine(CardFrontPerson person) {
        if (person.westernBirthDate()) {
            return person.birthDate().getYear() + "年" + person.birthDate().getMonthValue() + "月"
                    + person.birthDate().getDayOfMonth() + "日生";
        }
        return WarekiDate.of(person.birthDate()).japanese() + "生";
    }

    public static String expiryLine(CardFrontPerson person) {
        return person.expiry().getYear() + "年" + person.expiry().getMonthValue() + "月"
                + person.expiry().getDayOfMonth() + "日まで有効";
    }

    private static void drawWrapped(Graphics2D g, String text, int x, int y, int width, int lineHeight) {
        StringBuilder line = new StringBuilder();
        int lineY = y;
        for (char c : text.toCharArray()) {
            if (g.getFontMetrics().stringWidth(line.toString() + c) > width) {
                g.drawString(line.toString(), x, lineY);
                line.setLength(0);
                lineY += lineHeight;
            }
            line.append(c);
        }
        g.drawString(line.toString(), x, lineY);
    }

    private static void drawPhoto(Graphics2D g, CardFrontPerson person) {
        int x = 905;
        int y = 130;
        int w = 330;
        int h = 410;
        if (person.photo() != null) {
            g.drawImage(person.photo(), x, y, w, h, null);
        } else {
            g.setColor(new Color(200, 204, 214));
            g.fillRect(x, y, w, h);
            g.setColor(new Color(150, 154, 166));
            g.fillOval(x + 95, y + 60, 140, 170);
            g.fillRoundRect(x + 40, y + 250, 250, 200, 120, 120);
        }
    }

    private static void requireFont() {
        boolean present = Arrays.asList(
                        GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .contains(FONT);
        if (!present) {
            throw new IllegalStateException(FONT + " is not installed (Debian: fonts-noto-cjk)");
        }
    }
}
