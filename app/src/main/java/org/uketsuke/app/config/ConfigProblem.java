package org.uketsuke.app.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One thing wrong with a configuration file, naming where: the line (0 when the key is missing or the whole file is
 * unreadable) and the key. {@link #message} is what an administrator reads, in Japanese or English.
 *
 * @param detail what the message needs besides the key: the allowed range or words, the other line or key
 */
public record ConfigProblem(int line, String key, Reason reason, String detail) {

    /** The closed list of ways a configuration can be wrong; each has its ja and en message. */
    public enum Reason {
        NOT_UTF8, NOT_KEY_VALUE, UNKNOWN_KEY, DUPLICATE_KEY, MISSING, NOT_YES_NO, NOT_A_NUMBER, OUT_OF_RANGE,
        BAD_CHOICE, BAD_URL, BAD_INSTITUTION_CODE, BAD_ID, BAD_PATH, NOT_ABSOLUTE, CONFLICT, BAD_VARIABLE
    }

    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }

    /** Where and what: {@code line 4, institution.code: the medical institution code is 10 digits}. */
    public String message(Locale locale) {
        boolean ja = locale.getLanguage().equals("ja");
        String where = (line == 0 ? "" : ja ? line + "行目 " : "line " + line + ", ") + (key.isEmpty() ? "" : key + ": ");
        return where + reasonMessage(locale);
    }

    /** Only what is wrong, for a screen that shows it beside the field. */
    public String reasonMessage(Locale locale) {
        boolean ja = locale.getLanguage().equals("ja");
        return switch (reason) {
            case NOT_UTF8 -> ja ? "UTF-8 で保存されていません" : "the file is not UTF-8";
            case NOT_KEY_VALUE -> ja ? "「キー=値」の形ではありません" : "not a key=value line";
            case UNKNOWN_KEY -> ja ? "知らないキーです（綴りを確認してください）" : "unknown key (check the spelling)";
            case DUPLICATE_KEY -> ja ? detail + "行目と同じキーです" : "the same key as line " + detail;
            case MISSING -> ja ? "必須です" : "required";
            case NOT_YES_NO -> ja ? "yes か no で指定してください" : "must be yes or no";
            case NOT_A_NUMBER -> ja ? "数字で指定してください" : "must be a whole number";
            case OUT_OF_RANGE -> ja ? detail + " の範囲で指定してください" : "must be within " + detail;
            case BAD_CHOICE -> ja ? "次のどれかで指定してください: " + detail : "must be one of: " + detail;
            case BAD_URL -> ja ? "https:// で始まる URL を指定してください" : "must be an https:// URL";
            case BAD_INSTITUTION_CODE -> ja ? "医療機関コードは10桁の数字です" : "the medical institution code is 10 digits";
            case BAD_ID -> ja ? "英数字と . _ - で32文字まで" : "letters, digits, . _ - and at most 32 characters";
            case BAD_PATH -> ja ? "パスとして読めません" : "not a usable path";
            case NOT_ABSOLUTE -> ja ? "絶対パスで指定してください" : "must be an absolute path";
            case CONFLICT -> ja ? detail + " と同時には指定できません" : "cannot be used together with " + detail;
            case BAD_VARIABLE -> ja ? "環境変数名（英大文字・数字・_）を指定してください"
                    : "must be an environment variable name (A-Z, 0-9, _)";
        };
    }
}
