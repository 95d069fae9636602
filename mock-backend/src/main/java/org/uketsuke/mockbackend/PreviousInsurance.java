package org.uketsuke.mockbackend;

import java.time.LocalDate;
import org.uketsuke.eligibility.InsuranceCardId;

/** An insurance a person had before a switch (資格の切替): the card, its insurer's name, and when it began and ended. */
record PreviousInsurance(
        int personId,
        InsuranceCardId card,
        String insurerName,
        LocalDate qualificationDate,
        LocalDate disqualificationDate) {}
