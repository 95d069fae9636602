package org.uketsuke.folders;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.uketsuke.eligibility.wire.CharacterCode;

/**
 * Where the clinic's 連携アプリ keeps its folders (usually a share on the 資格確認端末) and how Uketsuke talks through
 * them.
 *
 * @param face the folder the 連携アプリ writes the certified reader's results into
 * @param req the folder requests are dropped into
 * @param res the folder the answers (and {@code .err}) appear in
 * @param characterCode the character set of the request files (answers are read in whatever they declare)
 * @param pollInterval how often {@code res} and {@code face} are looked at
 * @param timeout how long one request waits for its answer
 * @param attempts how often a pure query (lookup, 一括照会 status, medical information) is asked, at most
 * @param institutionCode the 10-digit 医療機関コード written into request headers
 */
public record FolderSettings(
        Path face,
        Path req,
        Path res,
        CharacterCode characterCode,
        Duration pollInterval,
        Duration timeout,
        int attempts,
        String institutionCode) {

    public FolderSettings {
        Objects.requireNonNull(face, "face");
        Objects.requireNonNull(req, "req");
        Objects.requireNonNull(res, "res");
        Objects.requireNonNull(characterCode, "characterCode");
        if (pollInterval.isNegative() || pollInterval.isZero() || timeout.compareTo(pollInterval) < 0) {
            throw new IllegalArgumentException("the poll interval is positive and no longer than the timeout");
        }
        if (attempts < 1 || attempts > 5) {
            throw new IllegalArgumentException("attempts are 1 to 5");
        }
        if (institutionCode == null || !institutionCode.matches("\\d{10}")) {
            throw new IllegalArgumentException("the medical institution code is 10 digits");
        }
    }

    /** The 連携アプリ's usual layout under one share: {@code face}, {@code req}, {@code res}; 0.5 s polls, 30 s wait. */
    public static FolderSettings under(Path share, CharacterCode code, String institutionCode) {
        return new FolderSettings(
                share.resolve("face"),
                share.resolve("req"),
                share.resolve("res"),
                code,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                2,
                institutionCode);
    }

    public FolderSettings withTiming(Duration poll, Duration wait, int tries) {
        return new FolderSettings(face, req, res, characterCode, poll, wait, tries, institutionCode);
    }
}
