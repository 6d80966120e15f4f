package continuum.imaging.pacs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The index queries behind C-FIND, C-MOVE and C-GET: the rows of one level (of reconciled
 * studies only) that satisfy the criteria, with every key answered at that level.
 */
@Repository
class PacsQueryRepository {

	/**
	 * A matching row: each answered key's value (as the index holds it), and its patient.
	 */
	record Row(Map<QueryKey, @Nullable Object> values, @Nullable Long patientId) {
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

	List<Row> find(QueryLevel level, QueryCriteria criteria) {
		List<QueryKey> answered = new ArrayList<>();
		StringBuilder select = new StringBuilder("select ").append(level.patientColumn()).append(" as audit_patient");
		for (QueryKey key : QueryKey.values()) {
			if (key.answeredAt(level)) {
				answered.add(key);
				select.append(", ").append(key.valueColumn()).append(" as c").append(key.ordinal());
			}
		}
		String sql = select + " " + level.from() + criteria.sql() + ORDER.get(level);
		return jdbc.sql(sql).params(criteria.parameters()).query((rs, n) -> row(rs, answered)).list();
	}

	List<Located> locate(QueryCriteria criteria) {
		String sql = """
				select i.sop_class_uid, i.sop_instance_uid, i.transfer_syntax_uid, i.file_path, st.patient_id
				""" + QueryLevel.IMAGE.from() + criteria.sql() + ORDER.get(QueryLevel.IMAGE);
		return jdbc.sql(sql)
			.params(criteria.parameters())
			.query((rs, n) -> new Located(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					(Long) rs.getObject(5)))
			.list();
	}

	private static Row row(ResultSet rs, List<QueryKey> answered) throws SQLException {
		var values = new java.util.EnumMap<QueryKey, @Nullable Object>(QueryKey.class);
		for (QueryKey key : answered) {
			values.put(key, rs.getObject("c" + key.ordinal()));
		}
		Object patient = rs.getObject("audit_patient");
		return new Row(values, patient == null ? null : ((Number) patient).longValue());
	}

}
