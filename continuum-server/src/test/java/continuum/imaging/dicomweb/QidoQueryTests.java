package continuum.imaging.dicomweb;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading a QIDO-RS query string: keys by keyword or tag, typed values, wildcards made
 * literal-safe for LIKE, ranges, the default and included attributes, and the refusals.
 */
class QidoQueryTests {

	private static QidoQuery parse(QueryLevel level, String... pairs) {
		var parameters = new LinkedMultiValueMap<String, String>();
		for (int i = 0; i < pairs.length; i += 2) {
			parameters.add(pairs[i], pairs[i + 1]);
		}
		return QidoQuery.parse(level, null, null, parameters);
	}

	@Test
	void readsKeysByKeywordOrTagWithTypedValues() {
		QidoQuery q = parse(QueryLevel.STUDY, "00100010", "dupont*", "StudyDate", "20240101-", "StudyTime", "-1030",
				"StudyInstanceUID", "1.2.3\\1.2.4", "ModalitiesInStudy", "CT,MR", "AccessionNumber", "A_1%");
		assertThat(q.keys().get(IndexAttribute.PATIENT_NAME)).isEqualTo(new QidoQuery.Pattern("DUPONT%"));
		assertThat(q.keys().get(IndexAttribute.STUDY_DATE))
			.isEqualTo(new QidoQuery.Range<>(LocalDate.of(2024, 1, 1), null));
		assertThat(q.keys().get(IndexAttribute.STUDY_TIME))
			.isEqualTo(new QidoQuery.Range<>(null, LocalTime.of(10, 30, 59, 999_999_999)));
		assertThat(q.keys().get(IndexAttribute.STUDY_INSTANCE_UID)).isEqualTo(List.of("1.2.3", "1.2.4"));
		assertThat(q.keys().get(IndexAttribute.MODALITIES_IN_STUDY)).isEqualTo(List.of("CT", "MR"));
		assertThat(q.keys().get(IndexAttribute.ACCESSION_NUMBER)).isEqualTo("A_1%");
		assertThat(parse(QueryLevel.STUDY, "AccessionNumber", "A_1%*").keys().get(IndexAttribute.ACCESSION_NUMBER))
			.isEqualTo(new QidoQuery.Pattern("A\\_1\\%%"));

	}

	@Test
	void returnsTheDefaultsOfTheLevelAndWhatIsIncluded() {
		QidoQuery study = parse(QueryLevel.STUDY);
		assertThat(study.returned())
			.contains(IndexAttribute.PATIENT_NAME, IndexAttribute.STUDY_INSTANCE_UID,
					IndexAttribute.NUMBER_OF_STUDY_RELATED_INSTANCES)
			.doesNotContain(IndexAttribute.STUDY_DESCRIPTION, IndexAttribute.MODALITY);
		assertThat(parse(QueryLevel.STUDY, "includefield", "StudyDescription,00100021").returned())
			.contains(IndexAttribute.STUDY_DESCRIPTION, IndexAttribute.ISSUER_OF_PATIENT_ID);
		assertThat(parse(QueryLevel.INSTANCE, "includefield", "all").returned())
			.containsAll(List.of(IndexAttribute.values()));
		QidoQuery within = QidoQuery.parse(QueryLevel.SERIES, "1.2.3", null, new LinkedMultiValueMap<>());
		assertThat(within.returned()).contains(IndexAttribute.MODALITY).doesNotContain(IndexAttribute.PATIENT_NAME);
		assertThat(parse(QueryLevel.SERIES).returned()).contains(IndexAttribute.MODALITY, IndexAttribute.PATIENT_NAME);
	}

	@Test
	void warnsOfWhatItIgnoresAndRefusesWhatItCannotRead() {
		assertThat(parse(QueryLevel.STUDY, "PatientAge", "040Y", "SOPInstanceUID", "1.2", "fuzzymatching", "true")
			.warnings()).hasSize(3);
		assertThat(parse(QueryLevel.STUDY, "limit", "5", "offset", "10"))
			.satisfies(q -> assertThat(q.limit()).isEqualTo(5))
			.satisfies(q -> assertThat(q.offset()).isEqualTo(10));
		for (String[] bad : new String[][] { { "Nonsense", "1" }, { "StudyDate", "2024" }, { "StudyDate", "-" },
				{ "StudyTime", "2500" }, { "limit", "1001" }, { "offset", "-1" }, { "SeriesNumber", "x" },
				{ "StudyInstanceUID", "1..a" }, { "includefield", "Nonsense" } }) {
			assertThatThrownBy(() -> parse(QueryLevel.SERIES, bad)).as(String.join("=", bad))
				.isInstanceOf(DicomWebException.class);
		}
	}

}
