package org.uketsuke.eligibility.medical;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One act of care from a medical claim (診療行為, the 診療 part of a drug answer asked for with FileCategory 03/04): the
 * official result's {@code MeTrInfs/MeTrInf} inside a day of a month's claim (docs/spec-notes/results.md).
 *
 * @param date 診療日 ({@code DiDate} of the day it belongs to)
 * @param name {@code SinInfN}, e.g. 再診料
 * @param code {@code SinInfCd}, the 診療行為コード of the claim
 * @param quantity {@code Qua1}
 * @param times {@code Times}: 回数
 * @param unit {@code Unit}
 * @param facility the clinic or hospital that claimed it ({@code MeTrDiHNm})
 */
public record TreatmentAct(
        LocalDate date, String name, String code, BigDecimal quantity, int times, String unit, String facility) {

    public TreatmentAct {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(quantity, "quantity");
        code = code == null ? "" : code;
        unit = unit == null ? "" : unit;
        facility = facility == null ? "" : facility;
        if (times < 0) {
            throw new IllegalArgumentException("negative times");
        }
    }
}
