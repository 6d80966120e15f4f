package continuum.imaging.pacs;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The index queries behind C-FIND, C-MOVE and C-GET: the rows of one level (of reconciled
 * studies only) that satisfy the query, with every key answered at that level.
 */
@Repository
class PacsQueryRepository {

	/**
	 * A matching row: each answered key's value (as the index holds it), and its patient.
	 */
	record Row(Map<QueryKey, Object> values, @Nullable Long patientId) {
	}

	/** An instance to send. */
	record Located(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, String filePath,
			@Nullable Long patientId) {
	}

	private static final Map<QueryLevel, String> ORDER = Map.of(QueryLevel.PATIENT,
			" order by p.dicom_patient_id, p.id", QueryLevel.STUDY, " order by st.study_date, st.study_time, st.id",
			QueryLevel.SERIES, " order by st.id, se.series_number, se.id", QueryLevel.IMAGE,
			" order by se.id, i.instance_number, i.id");

	private final JdbcClient jdbc;

	PacsQueryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Row> find(IndexQuery query) {
		List<QueryKey> answered = Arrays.stream(QueryKey.values())
			.filter(key -> key.answeredAt(query.level()))
			.toList();
		String sql = query.sql(query.level().patientColumn() + " as audit_patient", answered)
				+ ORDER.get(query.level());
		return jdbc.sql(sql).params(query.parameters()).query((rs, n) -> {
			Object patient = rs.getObject("audit_patient");
			return new Row(IndexQuery.values(rs, answered), patient == null ? null : ((Number) patient).longValue());
		}).list();
	}

	/** The instances of the query's rows; the query is at the IMAGE level. */
	List<Located> locate(IndexQuery query) {
		String sql = query.sql("i.sop_class_uid, i.sop_instance_uid, i.transfer_syntax_uid, i.file_path, st.patient_id",
				List.of()) + ORDER.get(QueryLevel.IMAGE);
		return jdbc.sql(sql)
			.params(query.parameters())
			.query((rs, n) -> new Located(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					(Long) rs.getObject(5)))
			.list();
	}

}
