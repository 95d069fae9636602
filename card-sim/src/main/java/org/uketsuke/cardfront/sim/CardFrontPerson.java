package org.uketsuke.cardfront.sim;

import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.uketsuke.cardfront.CardFrontFields;

/**
 * A test person as their virtual card's front prints them. {@code westernBirthDate}: the foreign resident's card,
 * whose birth date is printed in 西暦. {@code photo}: the greyscale portrait printed right of the text (the chip
 * photo's person), or null for a drawn silhouette.
 */
public record CardFrontPerson(
        String name,
        String address,
        LocalDate birthDate,
        boolean westernBirthDate,
        String sex,
        LocalDate expiry,
        String securityCode,
        BufferedImage photo) {

    private static final List<String> FAMILY =
            List.of("山田", "佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "中村", "小林", "加藤", "吉田", "山本", "松本", "井上", "木村", "林");
    private static final List<String> GIVEN =
            List.of("太郎", "花子", "一郎", "美咲", "健", "由美", "翔太", "陽菜", "誠", "さくら", "大輔", "恵子", "直樹", "真由美", "浩", "愛");
    private static final List<String> PLACES = List.of(
            "東京都千代田区霞が関一丁目",
            "大阪府大阪市北区梅田二丁目",
            "北海道札幌市中央区北一条西",
            "福岡県福岡市博多区博多駅前",
            "愛知県名古屋市中区栄三丁目",
            "宮城県仙台市青葉区国分町",
            "広島県広島市中区大手町",
            "沖縄県那覇市泉崎一丁目");

    public CardFrontFields fields() {
        return new CardFrontFields(birthDate, westernBirthDate, expiry.getYear(), securityCode);
    }

    /** The {@code index}-th generated person: birth dates from 昭和5年 to 令和5年, every eighth one a foreign resident. */
    public static CardFrontPerson generated(int index) {
        Random random = new Random(0x5EC0DEL + index * 7919L);
        LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(94 * 365));
        // The card is valid until a birthday (the 10th after issue; the 5th for minors).
        LocalDate expiry = birth.withYear(2026 + random.nextInt(10));
        String name = FAMILY.get(random.nextInt(FAMILY.size())) + "　" + GIVEN.get(random.nextInt(GIVEN.size()));
        String address = PLACES.get(random.nextInt(PLACES.size())) + (1 + random.nextInt(20)) + "番"
                + (1 + random.nextInt(30)) + "号";
        String code = String.format("%04d", random.nextInt(10000));
        return new CardFrontPerson(
                name, address, birth, index % 8 == 7, random.nextBoolean() ? "男" : "女", expiry, code, null);
    }

    public CardFrontPerson withPhoto(BufferedImage portrait) {
        return new CardFrontPerson(name, address, birthDate, westernBirthDate, sex, expiry, securityCode, portrait);
    }

    @Override
    public String toString() {
        return "CardFrontPerson[****]";
    }
}
