package org.uketsuke.cardfront;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.cardfront.sim.CardFrontPerson;
import org.uketsuke.cardfront.sim.CardFrontRenderer;
import org.uketsuke.cardfront.sim.HeldCardFrames;
import org.uketsuke.face.camera.Frame;

/** Real Tesseract on rendered card fronts held to a recorded camera. */
class CardFrontReaderTest {

    static CardFrontReader reader;

    @BeforeAll
    static void engine() {
        reader = CardFrontReader.onSystemTesseract()
                .orElseThrow(() -> new IllegalStateException("tesseract-ocr-jpn/-eng are not installed"));
    }

    static Stream<Integer> persons() {
        return IntStream.range(0, 30).boxed();
    }

    @ParameterizedTest
    @MethodSource("persons")
    void readsTheCollationNumberOfAHeldCard(int index) {
        CardFrontPerson person = CardFrontPerson.generated(index);
        List<Mat> frames = HeldCardFrames.record(CardFrontRenderer.render(person), index, 1);
        CardFrontRead read = reader.read(new Frame(frames.getLast(), 0));
        assertThat(read).isInstanceOf(CardFrontRead.Read.class);
        CardFrontFields fields = ((CardFrontRead.Read) read).fields();
        assertThat(fields.collationNumberB().value())
                .isEqualTo(person.fields().collationNumberB().value());
        assertThat(fields.westernBirthDate()).isEqualTo(person.westernBirthDate());
    }

    @Test
    void theGeneratedPersonsSpanShowaHeiseiAndReiwaAndForeignResidents() {
        List<CardFrontPerson> people = persons().map(CardFrontPerson::generated).toList();
        assertThat(people)
                .anyMatch(p -> p.birthDate().getYear() < 1989)
                .anyMatch(p -> p.birthDate().getYear() >= 1990 && p.birthDate().getYear() < 2019)
                .anyMatch(CardFrontPerson::westernBirthDate);
    }

    @Test
    void aBlankFrameIsNoCardSeen() {
        Mat grey = new Mat(720, 1280, CvType.CV_8UC3, new Scalar(90, 90, 90));
        assertThat(reader.read(new Frame(grey, 0))).isEqualTo(new CardFrontRead.NotFound());
    }

    @Test
    void aNoisyDeskWithoutACardIsNoCardSeen() {
        Mat desk = new Mat(720, 1280, CvType.CV_8UC3);
        Core.setRNGSeed(7);
        Core.randn(desk, 110, 30);
        assertThat(reader.read(new Frame(desk, 0))).isEqualTo(new CardFrontRead.NotFound());
    }

    @Test
    void aCardHalfOutOfThePictureIsNoCardSeen() {
        Mat frame = HeldCardFrames.record(CardFrontRenderer.render(CardFrontPerson.generated(4)), 4, 1)
                .getLast();
        Mat shifted = new Mat(frame.size(), frame.type(), new Scalar(80, 80, 80));
        frame.submat(0, 720, 0, 800).copyTo(shifted.submat(0, 720, 480, 1280));
        assertThat(reader.read(new Frame(shifted, 0))).isEqualTo(new CardFrontRead.NotFound());
    }

    @Test
    void aCardWithItsFieldsCoveredIsUnreadable() {
        Mat frame = HeldCardFrames.record(CardFrontRenderer.render(CardFrontPerson.generated(6)), 6, 1)
                .getLast();
        // A thumb over the security code: a pale patch where the box is.
        Imgproc.rectangle(frame, new Point(430, 380), new Point(560, 450), new Scalar(225, 225, 228), -1);
        assertThat(reader.read(new Frame(frame, 0)))
                .isEqualTo(new CardFrontRead.Unreadable(CardFrontRead.Reason.TEXT_UNREADABLE));
    }

    @Test
    void aBlackFrameIsTooDark() {
        Mat black = new Mat(720, 1280, CvType.CV_8UC3, new Scalar(8, 8, 8));
        assertThat(reader.read(new Frame(black, 0)))
                .isEqualTo(new CardFrontRead.Unreadable(CardFrontRead.Reason.TOO_DARK));
    }

    @Test
    void aBlurredCardIsBlurred() {
        Mat frame = HeldCardFrames.record(CardFrontRenderer.render(CardFrontPerson.generated(3)), 3, 1)
                .getLast();
        Imgproc.GaussianBlur(frame, frame, new Size(0, 0), 6);
        assertThat(reader.read(new Frame(frame, 0)))
                .isEqualTo(new CardFrontRead.Unreadable(CardFrontRead.Reason.BLURRED));
    }
}
