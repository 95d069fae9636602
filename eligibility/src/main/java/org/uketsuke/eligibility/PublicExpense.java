package org.uketsuke.eligibility;

import java.time.LocalDate;

/** A 公費 programme the patient is in: payer (公費負担者番号), recipient (公費受給者番号) and validity. */
public record PublicExpense(
        PublicExpensePayerNumber payer,
        PublicExpenseRecipientNumber recipient,
        LocalDate validStart,
        LocalDate validEnd) {}
