package org.uketsuke.app.ui;

/**
 * The items of the consent screen, in the order they are asked; {@code consent.NAME} in the UI bundle. The 限度額
 * information is not among them: since the reader release of 2024-10-07 it is provided without a question
 * (docs/spec-notes/consents.md).
 */
public enum ConsentItem {
    DRUG,
    CHECKUP,
    TREATMENT,
    OPERATION,
    /** The 電子カルテ情報共有サービス's 6情報 (傷病名, 感染症, アレルギー, 薬剤アレルギー, 検査, 処方), one answer. */
    CLINICAL,
    SPECIFIC_DISEASE
}
