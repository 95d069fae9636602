package org.uketsuke.eligibility;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * Which patients a bulk exchange asks for when it lists none (docs/spec-notes/results.md#bulk-exchanges): the
 * 医療扶助 exchange a treatment month, the 訪問診療 exchange a period of consent dates, the オンライン診療 exchange a
 * period of consent or examination dates.
 */
public sealed interface BulkSelection permits BulkSelection.TreatmentMonth, BulkSelection.Period {

    /** The exchange this selection belongs to. */
    Exchange exchange();

    /** The three bulk exchanges that select by period. */
    enum Exchange {
        MEDICAL_AID,
        HOME_VISIT,
        ONLINE
    }

    /** Which dates a period selects by. */
    enum PeriodKind {
        CONSENT,
        EXAMINATION
    }

    /** 医療扶助: the patients with a 医療券 or 調剤券 for this month. */
    record TreatmentMonth(YearMonth month) implements BulkSelection {
        public TreatmentMonth {
            Objects.requireNonNull(month, "month");
        }

        @Override
        public Exchange exchange() {
            return Exchange.MEDICAL_AID;
        }
    }

    /** 訪問診療 (consent dates only) or オンライン診療: the patients who consented or were examined in the period. */
    record Period(Exchange exchange, PeriodKind kind, LocalDate from, LocalDate to) implements BulkSelection {
        public Period {
            Objects.requireNonNull(exchange, "exchange");
            Objects.requireNonNull(kind, "kind");
            if (exchange == Exchange.MEDICAL_AID) {
                throw new InvalidValueException("selection", "the 医療扶助 exchange selects by treatment month");
            }
            if (exchange == Exchange.HOME_VISIT && kind != PeriodKind.CONSENT) {
                throw new InvalidValueException("selection", "the 訪問診療 exchange selects by consent dates");
            }
            if (to.isBefore(from)) {
                throw new InvalidValueException("selection", "the period ends before it starts");
            }
        }
    }
}
