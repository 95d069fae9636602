package org.uketsuke.bridge.sink;

import java.util.regex.Pattern;

/**
 * Every value that becomes part of a file name the terminal writes, checked against its documented format
 * (docs/spec-notes/eligibility.md#folders-and-files) before it is used: a value from the backend or from a request
 * file's name can never name a path outside the folder ({@code ../}), carry a NUL or a separator, or run long.
 */
public final class FileNameValues {

    /** {@code ProcessExecutionTime}: YYYYMMDDhhmmss. */
    private static final Pattern PROCESS_EXECUTION_TIME = Pattern.compile("\\d{14}");
    /** 医療機関コード: 10 digits. */
    private static final Pattern INSTITUTION_CODE = Pattern.compile("\\d{10}");
    /**
     * A request file: {@code OQS|YZK|TKK} + channel, function, sequence + {@code req_} + the レセコン's identifier +
     * {@code .xml}; the identifier is kept to letters, digits, {@code _ . -} and 100 characters.
     */
    private static final Pattern REQUEST_FILE =
            Pattern.compile("[A-Z]{3}[a-z]{5}\\d{2}req_[A-Za-z0-9_.-]{1,100}\\.xml");
    /** An answer: the request's name with {@code res} (or the request's own name with {@code .err}). */
    private static final Pattern ANSWER_FILE =
            Pattern.compile("[A-Z]{3}[a-z]{5}\\d{2}(req|res)_[A-Za-z0-9_.-]{1,100}\\.(xml|pdf|err)");

    private FileNameValues() {}

    public static String processExecutionTime(String value) {
        return checked("ProcessExecutionTime", value, PROCESS_EXECUTION_TIME);
    }

    public static String institutionCode(String value) {
        return checked("MedicalInstitutionCode", value, INSTITUTION_CODE);
    }

    public static boolean isRequestFileName(String name) {
        return name != null && REQUEST_FILE.matcher(name).matches() && !name.contains("..");
    }

    public static String answerFileName(String name) {
        String checked = checked("answer file name", name, ANSWER_FILE);
        if (checked.contains("..")) {
            throw new UnsafeFileNameValueException("answer file name", name);
        }
        return checked;
    }

    private static String checked(String field, String value, Pattern format) {
        if (value == null || !format.matcher(value).matches()) {
            throw new UnsafeFileNameValueException(field, value);
        }
        return value;
    }
}
