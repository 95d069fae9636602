package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.uketsuke.app.config.ConfigProblem;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.production.CheckReason;
import org.uketsuke.app.reception.Assistance;
import org.uketsuke.app.reception.AuditTrail;
import org.uketsuke.app.reception.FailureGuide;
import org.uketsuke.app.reception.ReconfirmList;
import org.uketsuke.app.staff.Role;
import org.uketsuke.bridge.audit.AuditVerification;
import org.uketsuke.bridge.csv.BookedPatientsCsv;
import org.uketsuke.cardfront.CardFrontRead;
import org.uketsuke.eligibility.FieldCheck;
import org.uketsuke.eligibility.InsuranceComparison;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.medical.CheckupItem;
import org.uketsuke.face.pipeline.QualityIssue;
import org.uketsuke.folders.face.PatientMatch;

/**
 * One closed list of reasons, one bundle: every constant of every reason people are told about has its Japanese and
 * English words, the two bundle files hold the same keys, and a new reason enum anywhere fails here until it is
 * listed — with its key pattern, or among those never shown and why.
 */
class ReasonTextsCompletenessTest {

    /** Each enum whose constants people read, with the key of a constant ({@code %s}: its name). */
    static final Map<Class<? extends Enum<?>>, String> SHOWN = Map.ofEntries(
            Map.entry(Problem.class, "problem.%s"),
            Map.entry(VisitState.class, "state.%s.title"),
            Map.entry(RejectionReason.class, "rejection.%s"),
            Map.entry(UnavailableReason.class, "unavailable.%s"),
            Map.entry(ConfigProblem.Reason.class, "config.reason.%s"),
            Map.entry(FieldCheck.Reason.class, "validation.reason.%s"),
            Map.entry(FieldCheck.Field.class, "validation.field.%s"),
            Map.entry(BookedPatientsCsv.Reason.class, "csv.reason.%s"),
            Map.entry(BookedPatientsCsv.Column.class, "csv.column.%s"),
            Map.entry(InsuranceComparison.Field.class, "comparison.field.%s"),
            Map.entry(CheckupItem.class, "checkup.%s"),
            Map.entry(AuditVerification.Reason.class, "audit.reason.%s"),
            Map.entry(AuditTrail.AlarmCause.class, "audit.alarm.%s"),
            Map.entry(QualityIssue.class, "face.guidance.%s"),
            Map.entry(CardFrontRead.Reason.class, "capture.hint.%s"),
            Map.entry(CheckReason.class, "check.reason.%s"),
            Map.entry(Role.class, "role.%s"),
            Map.entry(Assistance.Kind.class, "staff.assisted.%s"),
            Map.entry(FailureGuide.class, "failure.kiosk.%s"),
            Map.entry(ReconfirmList.Evidence.class, "reconfirm.evidence.%s"),
            Map.entry(ReconfirmList.State.class, "reconfirm.state.%s"),
            Map.entry(PatientMatch.By.class, "staff.patient.by.%s"));

    /** Reason-like enums nobody reads as such, and why (by name: some are not visible from here). */
    static final Map<String, String> NOT_SHOWN = Map.of(
            "org.uketsuke.eligibility.wire.medical.MedicalXml$Refusal", "answered to the レセコン as a wire code",
            "org.uketsuke.face.chip.ChipPhotoError", "logged; the patient sees CARD_UNREADABLE",
            "org.uketsuke.app.bench.Soak$FaultKind", "a soak run's injected faults, for its report",
            "org.uketsuke.bridge.exchange.RequestFolder$Refusal",
                    "written into the request's .err for the レセコン, in Japanese and English",
            "org.uketsuke.bridge.sink.UnsafePathException$Problem",
                    "a refused write; staff see it as the delivery's or the folder's last problem",
            "org.uketsuke.bridge.store.PostgresTargetException$Reason",
                    "the configuration parser reports it as a ConfigProblem; at start it names the setting",
            "org.uketsuke.folders.FolderCheck$Problem",
                    "kiosk --check words it as CheckReason.LINK_FOLDER_* (KioskCheck.linkFolders)");

    /** What makes an enum look like a reason: scanned so that a new one cannot be forgotten. */
    private static final Pattern REASON_LIKE = Pattern.compile(".*(Reason|Problem|Issue|Error|Refusal|Fault\\w*)");

    private static final Properties EN = load("messages.properties");
    private static final Properties JA = load("messages_ja.properties");

    static Stream<Arguments> everyShownConstant() {
        return SHOWN.entrySet().stream()
                .flatMap(e -> Arrays.stream(e.getKey().getEnumConstants())
                        .map(constant -> Arguments.of(
                                e.getKey().getName() + "." + constant.name(),
                                e.getValue().formatted(constant.name()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyShownConstant")
    void everyShownReasonHasJapaneseAndEnglishWords(String constant, String key) {
        assertThat(JA.getProperty(key)).as("ja " + key).isNotBlank();
        assertThat(EN.getProperty(key)).as("en " + key).isNotBlank();
        assertThat(new Messages(Messages.JAPANESE).get(key)).isEqualTo(JA.getProperty(key));
        assertThat(new Messages(Messages.ENGLISH).get(key)).isEqualTo(EN.getProperty(key));
    }

    @Test
    void theJapaneseAndEnglishFilesHoldTheSameKeys() {
        assertThat(new TreeSet<>(JA.stringPropertyNames())).isEqualTo(new TreeSet<>(EN.stringPropertyNames()));
    }

    @Test
    void theEnglishBaseFileIsEnglishAndTheJapaneseFileJapanese() {
        Pattern japanese = Pattern.compile(".*[\\p{IsHiragana}\\p{IsKatakana}].*");
        assertThat(EN.getProperty("problem.CARD_IN_USE")).doesNotMatch(japanese);
        assertThat(JA.getProperty("problem.CARD_IN_USE")).matches(japanese);
        long japaneseInBase = EN.stringPropertyNames().stream()
                .filter(k -> japanese.matcher(EN.getProperty(k)).matches())
                .count();
        assertThat(japaneseInBase).as("base-file texts in Japanese").isLessThan(EN.size() / 10);
    }

    @Test
    void patternsWithArgumentsQuoteTheirApostrophes() {
        for (Properties bundle : new Properties[] {EN, JA}) {
            for (String key : bundle.stringPropertyNames()) {
                String text = bundle.getProperty(key);
                if (text.contains("{0}")) {
                    assertThat(text.replace("''", ""))
                            .as(key + " (MessageFormat eats a single ')")
                            .doesNotContain("'");
                }
            }
        }
    }

    @Test
    void everyReasonLikeEnumIsListed() {
        Set<String> listed = Stream.concat(SHOWN.keySet().stream().map(Class::getName), NOT_SHOWN.keySet().stream())
                .collect(Collectors.toSet());
        Set<String> found = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.uketsuke").stream()
                        .filter(JavaClass::isEnum)
                        .filter(c -> REASON_LIKE.matcher(c.getSimpleName()).matches())
                        .map(JavaClass::getName)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(found)
                .as("reason enums: list each in SHOWN (with its key) or NOT_SHOWN (with why)")
                .isSubsetOf(listed);
        assertThat(found)
                .as("the scan sees the modules")
                .contains(RejectionReason.class.getName(), QualityIssue.class.getName(), Problem.class.getName());
    }

    private static Properties load(String file) {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(file, e);
        }
        return properties;
    }
}
