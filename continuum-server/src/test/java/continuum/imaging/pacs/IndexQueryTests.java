package continuum.imaging.pacs;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The matching that C-FIND, C-MOVE, C-GET and QIDO-RS share (PS3.4 §C.2.2.2): each key
 * and value, the SQL condition and its bound parameters.
 */
class IndexQueryTests {

	private record Case(QueryKey key, String value, String sql, List<Object> parameters) {
	}

	private static Case match(QueryKey key, String value, String sql, Object... parameters) {
		return new Case(key, value, sql, List.of(parameters));
	}

	@Test
	void turnsEachKindOfValueIntoItsCondition() throws InvalidMatchException {
		List<Case> cases = List.of(match(QueryKey.PATIENT_ID, "MRN-1", " and p.dicom_patient_id = :m0", "MRN-1"),
				match(QueryKey.ACCESSION_NUMBER, "A_1%*", " and st.accession_number like :m0 escape '\\'", "A\\_1\\%%"),
				match(QueryKey.STUDY_DESCRIPTION, "CT?HEAD\\*", " and st.study_description like :m0 escape '\\'",
						"CT_HEAD\\\\%"),
				match(QueryKey.PATIENT_NAME, "dupont^hél*", " and p.patient_name_match like :m0 escape '\\'",
						"DUPONT^HEL%"),
				match(QueryKey.REFERRING_PHYSICIAN_NAME, "Müller", " and st.referring_physician_match = :m0", "MULLER"),
				match(QueryKey.STUDY_INSTANCE_UID, "1.2.3\\1.2.4 ", " and st.study_instance_uid in (:m0)",
						List.of("1.2.3", "1.2.4")),
				match(QueryKey.MODALITIES_IN_STUDY, "CT\\MR", " and st.modalities && cast(:m0 as varchar[])",
						List.of("CT", "MR")),
				match(QueryKey.SERIES_NUMBER, "7", " and se.series_number = :m0", 7),
				match(QueryKey.STUDY_DATE, "20240105", " and st.study_date = :m0", LocalDate.of(2024, 1, 5)),
				match(QueryKey.STUDY_DATE, "-20240105", " and st.study_date <= :m0", LocalDate.of(2024, 1, 5)),
				match(QueryKey.STUDY_DATE, "20240105-", " and st.study_date >= :m0", LocalDate.of(2024, 1, 5)),
				match(QueryKey.PATIENT_BIRTH_DATE, "19800101-19891231",
						" and p.birth_date >= :m0 and p.birth_date <= :m1", LocalDate.of(1980, 1, 1),
						LocalDate.of(1989, 12, 31)),
				match(QueryKey.STUDY_TIME, "-1200", " and st.study_time <= :m0", LocalTime.of(12, 0, 59, 999_999_000)),
				match(QueryKey.STUDY_TIME, "1030-", " and st.study_time >= :m0", LocalTime.of(10, 30)),
				match(QueryKey.CONTENT_TIME, "103000", " and i.content_time >= :m0 and i.content_time <= :m1",
						LocalTime.of(10, 30), LocalTime.of(10, 30, 0, 999_999_000)),
				match(QueryKey.PPS_START_TIME, "08:15-09", " and se.pps_start_time >= :m0 and se.pps_start_time <= :m1",
						LocalTime.of(8, 15), LocalTime.of(9, 59, 59, 999_999_000)),
				match(QueryKey.PATIENT_ID, "", ""), match(QueryKey.PATIENT_NAME, "*", ""),
				match(QueryKey.STUDY_DATE, "  ", ""));
		for (Case c : cases) {
			IndexQuery query = new IndexQuery(QueryLevel.IMAGE).match(c.key(), c.value());
			assertThat(query.conditions()).as(c.key() + "=" + c.value()).isEqualTo(c.sql());
			List<Object> parameters = new TreeMap<>(query.parameters()).values()
				.stream()
				.map(p -> p instanceof String[] array ? List.of(array) : p)
				.toList();
			assertThat(parameters).as(c.key() + "=" + c.value()).isEqualTo(c.parameters());
		}
	}

	@Test
	void matchesADateAndItsTimeAsOneRange() throws InvalidMatchException {
		var query = new IndexQuery(QueryLevel.STUDY).matchDateTime(QueryKey.STUDY_DATE, "20240105-20240107",
				QueryKey.STUDY_TIME, "1000-1800");
		String moment = "(st.study_date + coalesce(st.study_time, time '00:00'))";
		assertThat(query.conditions()).isEqualTo(" and " + moment + " >= :m0 and " + moment + " <= :m1");
		assertThat(query.parameters()).containsEntry("m0", LocalDateTime.of(2024, 1, 5, 10, 0))
			.containsEntry("m1", LocalDateTime.of(2024, 1, 7, 18, 0, 59, 999_999_000));
		var open = new IndexQuery(QueryLevel.STUDY).matchDateTime(QueryKey.STUDY_DATE, "-20240107", QueryKey.STUDY_TIME,
				"-1800");
		assertThat(open.conditions()).isEqualTo(" and " + moment + " <= :m0");
		var alone = new IndexQuery(QueryLevel.STUDY).matchDateTime(QueryKey.STUDY_DATE, "20240105", QueryKey.STUDY_TIME,
				"*");
		assertThat(alone.conditions()).isEqualTo(" and st.study_date = :m0");
	}

	@Test
	void refusesAValueThatIsNotOfTheKeysVrWithoutEchoingIt() {
		List<Case> bad = List.of(match(QueryKey.STUDY_DATE, "2024", ""), match(QueryKey.STUDY_DATE, "-", ""),
				match(QueryKey.STUDY_DATE, "20241301", ""), match(QueryKey.STUDY_TIME, "2500", ""),
				match(QueryKey.STUDY_TIME, "10x", ""), match(QueryKey.SERIES_NUMBER, "seven", ""),
				match(QueryKey.SOP_INSTANCE_UID, "1.2.x", ""), match(QueryKey.SOP_INSTANCE_UID, "1..2", ""));
		for (Case c : bad) {
			assertThatThrownBy(() -> new IndexQuery(QueryLevel.IMAGE).match(c.key(), c.value()))
				.as(c.key() + "=" + c.value())
				.isInstanceOf(InvalidMatchException.class)
				.hasMessageStartingWith(c.key().keyword() + " must be ")
				.satisfies(ex -> assertThat(c.value().length() == 1 || !ex.getMessage().contains(c.value())).isTrue());
		}
	}

	@Test
	void givesIndexValuesBackAsDicomStrings() {
		assertThat(IndexQuery.strings(java.sql.Date.valueOf(LocalDate.of(2024, 1, 5)))).containsExactly("20240105");
		assertThat(IndexQuery.strings(java.sql.Time.valueOf(LocalTime.of(9, 30, 5)))).containsExactly("093005");
		assertThat(IndexQuery.strings(List.of("CT", "MR"))).containsExactly("CT", "MR");
		assertThat(IndexQuery.strings(512)).containsExactly("512");
	}

	@Test
	void answersKeysAtTheirLevelAndBelowOnly() throws InvalidMatchException {
		assertThatThrownBy(() -> new IndexQuery(QueryLevel.STUDY).match(QueryKey.MODALITY, "CT"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(
				() -> new IndexQuery(QueryLevel.IMAGE).match(QueryKey.NUMBER_OF_SERIES_RELATED_INSTANCES, "1"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(new IndexQuery(QueryLevel.SERIES).match(QueryKey.PATIENT_ID, "MRN-1")
			.sql("se.id", List.of(QueryKey.MODALITY, QueryKey.MODALITIES_IN_STUDY)))
			.startsWith(
					"select se.id, se.modality as k_modality, st.modalities as k_modalities_in_study from pacs_series se")
			.contains("where st.status = 'RECONCILED'")
			.endsWith(" and p.dicom_patient_id = :m0");
	}

}
