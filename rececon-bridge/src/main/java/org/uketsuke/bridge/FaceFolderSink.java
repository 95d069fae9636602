package org.uketsuke.bridge;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uketsuke.bridge.sink.AtomicFiles;
import org.uketsuke.bridge.sink.BatchDelivery;
import org.uketsuke.bridge.sink.ConfirmedEntry;
import org.uketsuke.bridge.sink.DeliveryId;
import org.uketsuke.bridge.sink.FileNameValues;
import org.uketsuke.bridge.sink.OutboxEntry;
import org.uketsuke.bridge.sink.PrivateFiles;
import org.uketsuke.bridge.sink.RececonSink;
import org.uketsuke.bridge.sink.SinkFailure;
import org.uketsuke.bridge.sink.UnsafeFileNameValueException;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.ResultBytes;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * Drop-in for the official 連携アプリ's {@code face} folder: each card confirmation becomes
 * {@code OQSsiquc01res_face_<医療機関コード 10><20 hex>_<yyyyMMddHHmmss>.xml} holding the result message exactly as the
 * system sent it ({@link ResultBytes}: only converted to UTF-8 or Shift_JIS with a matching CharacterCodeIdentifier). The 20 hex characters come from the idempotency key, so a
 * redelivery finds its file and writes nothing. Written through {@link AtomicFiles}; a batch's files share one fsync
 * of the folder.
 */
public final class FaceFolderSink implements RececonSink {

    private final Path folder;
    private final String institutionCode;
    private final CharacterCode characterCode;

    public FaceFolderSink(Path folder, String institutionCode, Charset charset) throws IOException {
        this.folder = folder;
        this.institutionCode = FileNameValues.institutionCode(institutionCode);
        this.characterCode = CharacterCode.of(charset);
        PrivateFiles.createFolders(folder);
    }

    @Override
    public String name() {
        return "face-folder";
    }

    /**
     * The file name for an entry; stable for the same key and processing time. Card confirmations (照会区分 1) carry
     * the {@code _face_} infix of reader results; confirmations by insurance number (照会区分 2) the plain result name.
     *
     * @throws UnsafeFileNameValueException if the processing time is not {@code yyyyMMddHHmmss} (it comes from the
     *     backend and becomes part of the name)
     */
    public String fileName(String idempotencyKey, String processExecutionTime, String referenceClassification) {
        String infix = "2".equals(referenceClassification) ? "_" : "_face_";
        return "OQSsiquc01res" + infix + institutionCode + keyDigest(idempotencyKey) + "_"
                + FileNameValues.processExecutionTime(processExecutionTime) + ".xml";
    }

    /** The key digest in a file name this sink wrote (the 20 hex characters before the processing time). */
    public static String keyDigestOf(String fileName) {
        int end = fileName.lastIndexOf('_');
        return fileName.substring(end - 20, end);
    }

    @Override
    public synchronized void deliver(OutboxEntry entry) throws Exception {
        place(entry);
        // A file found already there is synced too: an earlier run may have died between its rename and this sync.
        AtomicFiles.syncFolder(folder);
    }

    /** Every file placed (fsynced, renamed), then one fsync of the folder for all of them. */
    @Override
    public synchronized BatchDelivery deliverAll(List<OutboxEntry> entries) {
        Set<DeliveryId> placed = new LinkedHashSet<>();
        Map<DeliveryId, Exception> failed = new LinkedHashMap<>();
        for (OutboxEntry entry : entries) {
            try {
                place(entry);
                placed.add(entry.id());
            } catch (SinkFailure e) {
                failed.put(entry.id(), e);
            }
        }
        if (!placed.isEmpty()) {
            AtomicFiles.syncFolder(folder);
        }
        return new BatchDelivery(placed, failed);
    }

    /** The entry's file in the folder (unless it is there already), not yet synced into the folder. */
    private void place(OutboxEntry entry) throws SinkFailure {
        byte[] received = entry.resultXml();
        ResultMessage message = ConfirmedEntry.of(entry).message();
        Path target;
        try {
            target = folder.resolve(fileName(
                    entry.idempotencyKey(), message.processExecutionTime(), message.referenceClassification()));
        } catch (UnsafeFileNameValueException e) {
            throw new SinkFailure("no face file for entry " + entry.id().value() + ": " + e.getMessage(), e);
        }
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            AtomicFiles.place(target, ResultBytes.in(received, characterCode));
        } catch (IOException e) {
            throw new SinkFailure("cannot write " + target.getFileName() + " in " + folder + ": " + e, e);
        }
    }

    /** The 20 hex characters a file name carries for its idempotency key (first 10 bytes of its SHA-256). */
    public static String keyDigest(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
