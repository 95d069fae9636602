package org.uketsuke.eligibility;

import java.util.List;
import java.util.Objects;

/**
 * What a result says about the patient's PMH 医療費助成 (docs/spec-notes/pmh.md): whether the reader asked, what the
 * patient answered, whether the municipality is connected to PMH, and the 受給者証 it holds there.
 *
 * @param subsidies non-empty only when {@link Status#PROVIDED}
 */
public record MedicalSubsidies(Status status, List<MedicalSubsidy> subsidies) {

    /** The answer about PMH. The codes are Uketsuke's own ({@code MedicalSubsidyInfoStatus}, *provisional*). */
    public enum Status implements WireCode {
        /** The clinic does not take part in PMH, or the result predates it: nothing was asked. */
        NOT_ASKED("0"),
        /** The patient agreed and the municipality is connected: the list holds its 受給者証 (maybe none). */
        PROVIDED("1"),
        /** The patient chose not to use the 受給者証 on the card. */
        DECLINED("2"),
        /** The patient agreed, but the municipality is not connected to PMH: the paper 受給者証 is needed. */
        MUNICIPALITY_NOT_CONNECTED("3");

        private final String code;

        Status(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }

        public static Status ofCode(String code) {
            return WireCode.of(Status.class, code, "MedicalSubsidyInfoStatus");
        }
    }

    public static final MedicalSubsidies NOT_ASKED = new MedicalSubsidies(Status.NOT_ASKED, List.of());

    public MedicalSubsidies {
        Objects.requireNonNull(status, "status");
        subsidies = List.copyOf(subsidies);
        if (status != Status.PROVIDED && !subsidies.isEmpty()) {
            throw new InvalidValueException("MedicalSubsidyList", "subsidies without consent or connection");
        }
    }

    public static MedicalSubsidies provided(List<MedicalSubsidy> subsidies) {
        return new MedicalSubsidies(Status.PROVIDED, subsidies);
    }

    public static MedicalSubsidies of(Status status) {
        return new MedicalSubsidies(status, List.of());
    }

    /** Whether the counter must ask for the paper 受給者証 (the municipality is not connected). */
    public boolean paperNeeded() {
        return status == Status.MUNICIPALITY_NOT_CONNECTED;
    }
}
