package org.uketsuke.app.ui;

import org.uketsuke.app.config.ConfigProblem;
import org.uketsuke.bridge.csv.BookedPatientsCsv;
import org.uketsuke.eligibility.FieldCheck;
import org.uketsuke.eligibility.InsuranceComparison;
import org.uketsuke.eligibility.medical.CheckupItem;

/**
 * The words for the reasons other modules report as data (a reason constant and its details): the libraries carry no
 * text, every sentence is a key of the one bundle ({@link Messages}).
 */
public final class ReasonTexts {

    private ReasonTexts() {}

    /** A typed value's problem: "The check digit (last digit) of the insurer number should be 5. …". */
    public static String fieldProblem(FieldCheck.Problem problem, Messages messages) {
        return messages.get(
                "validation.reason." + problem.reason().name(),
                messages.get("validation.field." + problem.field().name()),
                problem.detail());
    }

    /** Where and what: {@code line 4, institution.code: the medical institution code is 10 digits}. */
    public static String configProblem(ConfigProblem problem, Messages messages) {
        String where = (problem.line() == 0 ? "" : messages.get("config.where.line", Integer.toString(problem.line())))
                + (problem.key().isEmpty() ? "" : problem.key() + ": ");
        return where + configReason(problem, messages);
    }

    /** Only what is wrong, for a screen that shows it beside the field. */
    public static String configReason(ConfigProblem problem, Messages messages) {
        return messages.get("config.reason." + problem.reason().name(), problem.detail());
    }

    /** A booked-patients row's problem: {@code line 7: the same patient as line 6}. */
    public static String csvProblem(BookedPatientsCsv.Problem problem, Messages messages) {
        String where = problem.line() == 0 ? "" : messages.get("csv.where.line", Integer.toString(problem.line()));
        if (problem.reason() == BookedPatientsCsv.Reason.BAD_FIELD && problem.fieldProblem() != null) {
            return where + fieldProblem(problem.fieldProblem(), messages);
        }
        String column = problem.column() == null
                ? ""
                : messages.get("csv.column." + problem.column().name());
        return where + messages.get("csv.reason." + problem.reason().name(), column, problem.detail());
    }

    /** One field a レセコン holds differently: {@code co-payment: stored 020 / confirmed 3割}. */
    public static String difference(InsuranceComparison.Difference difference, Messages messages) {
        return messages.get(
                "comparison.difference",
                messages.get("comparison.field." + difference.field().name()),
                shown(difference.stored()),
                shown(difference.confirmed()));
    }

    public static String checkupItem(CheckupItem item, Messages messages) {
        return messages.get("checkup." + item.name());
    }

    private static String shown(String value) {
        return value == null || value.isBlank() ? "—" : value.strip();
    }
}
