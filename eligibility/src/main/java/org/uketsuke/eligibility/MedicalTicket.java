package org.uketsuke.eligibility;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * 医療扶助 (public assistance) as a result lists it in {@code PublicExpenseResultList/MedicalTicketInfo}: the 医療券's
 * 公費負担者番号 (法別 12) and 受給者番号 and its validity ({@code TicketType}, {@code MedicalTicketValidDate},
 * {@code MedicalTicketExpirationDate}: docs/spec-notes/results.md, "医療扶助").
 *
 * @param ticketKind 1 医療券, 2 調剤券
 */
public record MedicalTicket(
        String ticketKind,
        PublicExpensePayerNumber payer,
        PublicExpenseRecipientNumber recipient,
        LocalDate validStart,
        LocalDate validEnd) {

    private static final Pattern TICKET_KIND = Pattern.compile("[12]");

    public MedicalTicket {
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(recipient, "recipient");
        if (ticketKind == null || !TICKET_KIND.matcher(ticketKind).matches()) {
            throw new InvalidValueException("TicketType", "must be 1 or 2");
        }
    }
}
