package org.uketsuke.app.flow;

/**
 * What the screens show of a confirmed qualification. Built from the eligibility result; plain strings so the
 * views need no domain types.
 *
 * @param contributionPercent 負担割合 in percent (30 = 3割)
 */
public record QualificationSummary(
        String insurerNumber,
        String insurerName,
        String symbol,
        String number,
        String branch,
        int contributionPercent,
        String name,
        String processingTime) {}
