package org.uketsuke.eligibility;

/** One booked patient's answer in a batch pre-check (一括照会): what was asked and what came back. */
public record BatchResult(InsuranceSearch search, ConfirmationOutcome outcome) {}
