package org.uketsuke.eligibility.medical;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One drug of a dispensing (薬剤情報, from claims): the official result's {@code DiDateInf}/{@code DrugInf}.
 *
 * @param dispensed 調剤日 ({@code DiDate})
 * @param drugCode the drug's code as the claim carries it ({@code DrugC}, a レセ電 9-digit code)
 * @param drugName {@code DrugN}, e.g. アムロジピン錠５ｍｇ「サワイ」
 * @param quantity {@code Qua1}: amount per day (or in total for 頓服/外用)
 * @param unit {@code Unit}, e.g. 錠
 * @param usage {@code UsageN}, e.g. 1日1回朝食後
 * @param days {@code Times}: 日数 or 回数
 * @param facility the pharmacy or clinic that dispensed ({@code MeTrDiHNm})
 * @param prescriber the clinic that prescribed ({@code PrlsHNm}); equal to {@code facility} for 院内処方
 */
public record DispensedDrug(
        LocalDate dispensed,
        String drugCode,
        String drugName,
        BigDecimal quantity,
        String unit,
        String usage,
        int days,
        String facility,
        String prescriber) {

    public DispensedDrug {
        Objects.requireNonNull(dispensed, "dispensed");
        Objects.requireNonNull(drugName, "drugName");
        Objects.requireNonNull(quantity, "quantity");
        drugCode = drugCode == null ? "" : drugCode;
        unit = unit == null ? "" : unit;
        usage = usage == null ? "" : usage;
        facility = facility == null ? "" : facility;
        prescriber = prescriber == null ? "" : prescriber;
        if (days < 0) {
            throw new IllegalArgumentException("negative days");
        }
    }
}
