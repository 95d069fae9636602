package org.uketsuke.eligibility;

import java.time.LocalDate;

/** 高齢受給者証 information (70–74): its dates and the ratio ({@code ElderlyRecipientContributionRatio}). */
public record ElderlyRecipient(
        LocalDate certificateDate, LocalDate validStart, LocalDate validEnd, ContributionRatio ratio) {}
