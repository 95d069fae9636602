package org.uketsuke.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo card's kept card-face signature (DF28): reused only for the same issuer and values. */
class DemoCardFaceTest {

    private static final byte[] ISSUER = "issuer-certificate".getBytes(StandardCharsets.UTF_8);
    private static final List<byte[]> VALUES = List.of(bytes("19800101"), bytes("1"), bytes("key"), bytes("photo"));

    @TempDir
    Path data;

    private final AtomicInteger signings = new AtomicInteger();

    private Supplier<byte[]> signer(String signature) {
        return () -> {
            signings.incrementAndGet();
            return bytes(signature);
        };
    }

    @Test
    void signsOnceAndReusesTheKeptSignatureOwnerOnly() throws Exception {
        byte[] first = DemoCardFace.faceSignature(data, false, ISSUER, VALUES, signer("sig-1"));
        byte[] again = DemoCardFace.faceSignature(data, false, ISSUER, VALUES, signer("sig-2"));

        assertThat(first).isEqualTo(bytes("sig-1"));
        assertThat(again).as("the kept signature, not a new one").isEqualTo(bytes("sig-1"));
        assertThat(signings).hasValue(1);
        Path file = data.resolve("demo-card/face-signature.bin");
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Files.getPosixFilePermissions(file.getParent()))
                .doesNotContain(
                        PosixFilePermission.GROUP_READ,
                        PosixFilePermission.OTHERS_READ,
                        PosixFilePermission.OTHERS_EXECUTE);
    }

    @Test
    void anotherIssuerOrAnyChangedValueIsSignedAgain() {
        DemoCardFace.faceSignature(data, false, ISSUER, VALUES, signer("sig-1"));

        byte[] newIssuer = DemoCardFace.faceSignature(data, false, bytes("new test PKI"), VALUES, signer("sig-2"));
        byte[] newPhoto = DemoCardFace.faceSignature(
                data,
                false,
                bytes("new test PKI"),
                List.of(VALUES.get(0), VALUES.get(1), VALUES.get(2)),
                signer("sig-3"));
        // The same bytes split otherwise are other values: each value counts with its length.
        byte[] resplit = DemoCardFace.faceSignature(
                data,
                false,
                bytes("new test PKI"),
                List.of(bytes("198001011"), bytes(""), VALUES.get(2)),
                signer("sig-4"));

        assertThat(newIssuer).isEqualTo(bytes("sig-2"));
        assertThat(newPhoto).isEqualTo(bytes("sig-3"));
        assertThat(resplit).isEqualTo(bytes("sig-4"));
        assertThat(signings).hasValue(4);
    }

    @Test
    void theMismatchPersonaKeepsItsOwnAndADamagedFileIsMadeAgain() throws Exception {
        DemoCardFace.faceSignature(data, false, ISSUER, VALUES, signer("patient"));
        assertThat(DemoCardFace.faceSignature(data, true, ISSUER, VALUES, signer("other")))
                .isEqualTo(bytes("other"));
        assertThat(DemoCardFace.faceSignature(data, false, ISSUER, VALUES, signer("unused")))
                .isEqualTo(bytes("patient"));

        Files.write(data.resolve("demo-card/face-signature.bin"), bytes("short"));
        assertThat(DemoCardFace.faceSignature(data, false, ISSUER, VALUES, signer("remade")))
                .isEqualTo(bytes("remade"));
        assertThat(DemoCardFace.faceSignature(data, false, ISSUER, VALUES, signer("unused")))
                .isEqualTo(bytes("remade"));
        assertThat(signings).hasValue(3);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
