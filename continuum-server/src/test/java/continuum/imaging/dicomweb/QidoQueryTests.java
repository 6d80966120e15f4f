package continuum.imaging.dicomweb;

import java.util.List;

import continuum.imaging.pacs.QueryKey;
import continuum.imaging.pacs.QueryLevel;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading a QIDO-RS query string: keys by keyword or tag, comma lists, the default and
 * included attributes, and the refusals. How values match is the index query's
 * ({@code IndexQueryTests}).
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
	void readsKeysByKeywordOrTagAndCommaSeparatedLists() {
		QidoQuery q = parse(QueryLevel.STUDY, "00100010", "dupont*", "StudyDate", "20240101-", "StudyInstanceUID",
				"1.2.3,1.2.4", "ModalitiesInStudy", "CT,MR", "AccessionNumber", "A,1", "PatientID", "");
		assertThat(q.keys()).containsEntry(QueryKey.PATIENT_NAME, "dupont*")
			.containsEntry(QueryKey.STUDY_DATE, "20240101-")
			.containsEntry(QueryKey.STUDY_INSTANCE_UID, "1.2.3\\1.2.4")
			.containsEntry(QueryKey.MODALITIES_IN_STUDY, "CT\\MR")
			.containsEntry(QueryKey.ACCESSION_NUMBER, "A,1");
		assertThat(q.returned()).contains(QueryKey.PATIENT_ID);
		assertThat(q.index().parameters()).hasSize(5);
	}

	@Test
	void matchesADateAndItsTimeAsOneRangeAndTheScopeByUid() {
		QidoQuery q = QidoQuery.parse(QueryLevel.SERIES, "1.2.3", null, new LinkedMultiValueMap<>(
				java.util.Map.of("StudyDate", List.of("20240105-20240107"), "StudyTime", List.of("1000-1800"))));
		assertThat(q.index().parameters().values()).containsExactlyInAnyOrder(List.of("1.2.3"),
				java.time.LocalDateTime.of(2024, 1, 5, 10, 0),
				java.time.LocalDateTime.of(2024, 1, 7, 18, 0, 59, 999_999_000));
	}

	@Test
	void returnsTheDefaultsOfTheLevelAndWhatIsIncluded() {
		QidoQuery study = parse(QueryLevel.STUDY);
		assertThat(study.returned())
			.contains(QueryKey.PATIENT_NAME, QueryKey.STUDY_INSTANCE_UID, QueryKey.NUMBER_OF_STUDY_RELATED_INSTANCES)
			.doesNotContain(QueryKey.STUDY_DESCRIPTION, QueryKey.MODALITY);
		assertThat(parse(QueryLevel.STUDY, "includefield", "StudyDescription,00100021").returned())
			.contains(QueryKey.STUDY_DESCRIPTION, QueryKey.ISSUER_OF_PATIENT_ID);
		assertThat(parse(QueryLevel.IMAGE, "includefield", "all").returned()).containsAll(List.of(QueryKey.values()));
		QidoQuery within = QidoQuery.parse(QueryLevel.SERIES, "1.2.3", null, new LinkedMultiValueMap<>());
		assertThat(within.returned()).contains(QueryKey.MODALITY).doesNotContain(QueryKey.PATIENT_NAME);
		assertThat(parse(QueryLevel.SERIES).returned()).contains(QueryKey.MODALITY, QueryKey.PATIENT_NAME);
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
				{ "StudyInstanceUID", "1..a" }, { "includefield", "Nonsense" },
				{ "PerformedProcedureStepStartDate", "x" }, { "StudyTime", "1000-12x" } }) {
			assertThatThrownBy(() -> parse(QueryLevel.SERIES, bad)).as(String.join("=", bad))
				.isInstanceOf(DicomWebException.class);
		}
	}

}
