package org.uketsuke.bridge;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
 * redelivery finds its file and writes nothing. Written through {@link AtomicFiles}; a batch's files are forced
 * together and share one fsync of the folder.
 */
public final class FaceFolderSink implements RececonSink {

    private final Path folder;
    private final String institutionCode;
    private final CharacterCode characterCode;
    private final Runnable beforeRenames;

    public FaceFolderSink(Path folder, String institutionCode, Charset charset) throws IOException {
        this(folder, institutionCode, charset, () -> {});
    }

    /** With a step between a page's forces and its renames (the crash test stops the process there). */
    FaceFolderSink(Path folder, String institutionCode, Charset charset, Runnable beforeRenames) throws IOException {
        this.beforeRenames = beforeRenames;
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

    /**
     * A page's files written, forced together, renamed, then one fsync of the folder for all of them: a reader sees
     * each file whole under its final name or not at all, and nothing counts as delivered before the folder's fsync.
     */
    @Override
    public synchronized BatchDelivery deliverAll(List<OutboxEntry> entries) {
        Set<DeliveryId> placed = new LinkedHashSet<>();
        Map<DeliveryId, Exception> failed = new LinkedHashMap<>();
        Map<Path, OutboxEntry> toWrite = new LinkedHashMap<>();
        List<AtomicFiles.Placement> files = new ArrayList<>();
        for (OutboxEntry entry : entries) {
            try {
                Path target = target(entry);
                if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || toWrite.containsKey(target)) {
                    placed.add(entry.id()); // there already: synced below with the rest
                } else {
                    toWrite.put(target, entry);
                    files.add(new AtomicFiles.Placement(target, bytes(entry)));
                }
            } catch (SinkFailure e) {
                failed.put(entry.id(), e);
            }
        }
        Map<Path, IOException> notPlaced = AtomicFiles.placeAll(files, beforeRenames);
        toWrite.forEach((target, entry) -> {
            IOException e = notPlaced.get(target);
            if (e == null) {
                placed.add(entry.id());
            } else {
                failed.put(entry.id(), failure(target, e));
            }
        });
        if (!placed.isEmpty()) {
            AtomicFiles.syncFolder(folder);
        }
        return new BatchDelivery(placed, failed);
    }

    /** The entry's file in the folder (unless it is there already), not yet synced into the folder. */
    private void place(OutboxEntry entry) throws SinkFailure {
        Path target = target(entry);
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            AtomicFiles.place(target, bytes(entry));
        } catch (IOException e) {
            throw failure(target, e);
        }
    }

    private Path target(OutboxEntry entry) throws SinkFailure {
        ResultMessage message = ConfirmedEntry.of(entry).message();
        try {
            return folder.resolve(fileName(
                    entry.idempotencyKey(), message.processExecutionTime(), message.referenceClassification()));
        } catch (UnsafeFileNameValueException e) {
            throw new SinkFailure("no face file for entry " + entry.id().value() + ": " + e.getMessage(), e);
        }
    }

    /** The result message exactly as received, in the folder's character code. */
    private byte[] bytes(OutboxEntry entry) {
        return ResultBytes.in(entry.resultXml(), characterCode);
    }

    private SinkFailure failure(Path target, IOException e) {
        return new SinkFailure("cannot write " + target.getFileName() + " in " + folder + ": " + e, e);
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
