package continuum.imaging;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.fhir.SearchSql;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Studies of the PACS index for FHIR ImagingStudy and the chart: only reconciled studies
 * of known patients (a quarantined study is served to nobody).
 */
@Repository
class ImagingStudyRepository {

	private static final String SERVED = "s.status = 'RECONCILED' and s.patient_id is not null";

	/** Study start as an instant: study date and time are the hospital's local time. */
	private static final String STARTED = "((s.study_date + coalesce(s.study_time, time '00:00')) "
			+ "at time zone 'Europe/Brussels')";

	private static final String WHERE = """
			where %s
			  and (cast(:patient as bigint) is null or s.patient_id = :patient)
			  and s.patient_id <> all(cast(:hidden as bigint[]))
			  and (cast(:uid as text) is null or s.study_instance_uid = :uid)
			  and (cast(:accession as text) is null or s.accession_number = :accession)
			  and (cast(:from as timestamptz) is null or %s >= :from)
			  and (cast(:until as timestamptz) is null or %s < :until)
			  and (cast(:modality as text) is null or :modality = any (s.modalities))
			  and (cast(:updatedFrom as timestamptz) is null or s.updated_at >= :updatedFrom)
			  and (cast(:updatedUntil as timestamptz) is null or s.updated_at < :updatedUntil)
			""".formatted(SERVED, STARTED, STARTED);

	/** The study index as the parameters every FHIR type has read it. */
	private static final SearchSql.Columns COLUMNS = new SearchSql.Columns("s.id", "s.updated_at", "s.patient_id",
			Map.of("started", STARTED))
		.withPresence("started", "s.study_date is not null");

	/** {@link #WHERE} and the common conditions, their values added to {@code params}. */
	private static String where(ImagingStudyQuery query, Map<String, Object> params) {
		List<String> common = SearchSql.conditions(query.controls(), COLUMNS, params);
		return common.isEmpty() ? WHERE : WHERE + " and " + String.join(" and ", common);
	}

	private final JdbcClient jdbc;

	ImagingStudyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ImagingStudyRecord> find(long id) {
		return jdbc.sql("select s.* from pacs_study s where s.id = ? and " + SERVED)
			.param(id)
			.query(ImagingStudyRepository::study)
			.optional()
			.map(study -> complete(List.of(study), true).get(0));
	}

	Optional<ImagingStudyRecord> ofUid(String studyInstanceUid) {
		return jdbc.sql("select s.* from pacs_study s where s.study_instance_uid = ? and " + SERVED)
			.param(studyInstanceUid)
			.query(ImagingStudyRepository::study)
			.optional()
			.map(study -> complete(List.of(study), true).get(0));
	}

	/**
	 * The patient of a served study; empty for a quarantined one or one of an unknown
	 * patient.
	 */
	Optional<PatientId> servedPatient(long id) {
		return jdbc.sql("select s.patient_id from pacs_study s where s.id = ? and " + SERVED)
			.param(id)
			.query(Long.class)
			.optional()
			.map(PatientId::new);
	}

	int count(ImagingStudyQuery query, Collection<Long> hidden) {
		Map<String, Object> common = new HashMap<>();
		return bind(jdbc.sql("select count(*) from pacs_study s " + where(query, common)), query, hidden).params(common)
			.query(Integer.class)
			.single();
	}

	/**
	 * A page of the matches, newest study first, with series (instances only if asked).
	 */
	List<ImagingStudyRecord> search(ImagingStudyQuery query, Collection<Long> hidden, boolean instances) {
		Map<String, Object> common = new HashMap<>();
		List<ImagingStudyRecord> page = bind(
				jdbc.sql("select s.* from pacs_study s " + where(query, common) + " order by "
						+ SearchSql.orderBy(query.controls(), COLUMNS,
								"s.study_date desc nulls last, s.study_time desc nulls last, s.id desc")
						+ " limit :limit offset :offset"),
				query, hidden)
			.params(common)
			.param("limit", query.count())
			.param("offset", query.offset())
			.query(ImagingStudyRepository::study)
			.list();
		return complete(page, instances);
	}

	List<ImagingStudyRecord> ofPatient(PatientId patient) {
		return search(new ImagingStudyQuery(patient, null, null, null, null, null, null, null, 1000, 0), List.of(),
				false);
	}

	private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, ImagingStudyQuery query,
			Collection<Long> hidden) {
		return sql.param("patient", query.patient() == null ? null : query.patient().value())
			.param("hidden", hidden.toArray(Long[]::new))
			.param("uid", query.studyInstanceUid())
			.param("accession", query.accessionNumber())
			.param("from", timestamp(query.startedFrom()))
			.param("until", timestamp(query.startedUntil()))
			.param("modality", query.modality())
			.param("updatedFrom", timestamp(query.updatedFrom()))
			.param("updatedUntil", timestamp(query.updatedUntil()));
	}

	/** The studies with their procedures and series (and instances when asked). */
	private List<ImagingStudyRecord> complete(List<ImagingStudyRecord> studies, boolean instances) {
		if (studies.isEmpty()) {
			return studies;
		}
		List<Long> ids = studies.stream().map(ImagingStudyRecord::id).toList();
		Map<Long, List<ImagingStudyRecord.Series>> series = series(ids, instances);
		Map<Long, ReportedProcedure> procedures = procedures(ids);
		List<ImagingStudyRecord> complete = new ArrayList<>();
		for (ImagingStudyRecord s : studies) {
			complete.add(new ImagingStudyRecord(s.id(), s.studyInstanceUid(), s.patient(), s.accessionNumber(),
					s.studyDate(), s.studyTime(), s.description(), s.modalities(), s.seriesCount(), s.instanceCount(),
					s.updatedAt(), procedures.get(s.id()), series.getOrDefault(s.id(), List.of())));
		}
		return complete;
	}

	private Map<Long, ReportedProcedure> procedures(Collection<Long> studies) {
		Map<Long, ReportedProcedure> found = new HashMap<>();
		jdbc.sql(ReportRepository.PROCEDURE.replace("select rp.id as rp_id", "select st.id as study, rp.id as rp_id")
				+ " join pacs_study st on st.requested_procedure_id = rp.id where st.id in (:ids)")
			.param("ids", studies)
			.query(rs -> {
				found.put(rs.getLong("study"), ReportRepository.procedure(rs, 0));
			});
		return found;
	}

	private Map<Long, List<ImagingStudyRecord.Series>> series(Collection<Long> studies, boolean withInstances) {
		Map<Long, List<ImagingStudyRecord.Instance>> instances = new HashMap<>();
		if (withInstances) {
			jdbc.sql("""
					select i.series_id, i.sop_instance_uid, i.sop_class_uid, i.instance_number from pacs_instance i
					join pacs_series se on se.id = i.series_id where se.study_id in (:ids)
					order by i.series_id, i.instance_number nulls last, i.id""").param("ids", studies).query(rs -> {
				instances.computeIfAbsent(rs.getLong("series_id"), k -> new ArrayList<>())
					.add(new ImagingStudyRecord.Instance(rs.getString("sop_instance_uid"),
							rs.getString("sop_class_uid"), rs.getObject("instance_number", Integer.class)));
			});
		}
		Map<Long, List<ImagingStudyRecord.Series>> found = new HashMap<>();
		jdbc.sql("select * from pacs_series where study_id in (:ids) order by study_id, series_number nulls last, id")
			.param("ids", studies)
			.query(rs -> {
				found.computeIfAbsent(rs.getLong("study_id"), k -> new ArrayList<>())
					.add(new ImagingStudyRecord.Series(rs.getString("series_instance_uid"),
							rs.getObject("series_number", Integer.class), rs.getString("modality"),
							rs.getString("series_description"), rs.getString("body_part"), rs.getInt("instance_count"),
							instances.getOrDefault(rs.getLong("id"), List.of())));
			});
		return found;
	}

	private static ImagingStudyRecord study(ResultSet rs, int n) throws SQLException {
		Date date = rs.getDate("study_date");
		Time time = rs.getTime("study_time");
		java.sql.Array modalities = rs.getArray("modalities");
		return new ImagingStudyRecord(rs.getLong("id"), rs.getString("study_instance_uid"),
				new PatientId(rs.getLong("patient_id")), rs.getString("accession_number"),
				date == null ? null : date.toLocalDate(), time == null ? null : time.toLocalTime(),
				rs.getString("study_description"),
				modalities == null ? List.of() : Arrays.asList((String[]) modalities.getArray()),
				rs.getInt("series_count"), rs.getInt("instance_count"), rs.getTimestamp("updated_at").toInstant(), null,
				List.of());
	}

	private static @Nullable Timestamp timestamp(java.time.@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
