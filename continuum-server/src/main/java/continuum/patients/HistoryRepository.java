package continuum.patients;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which versions a {@code _history} page holds, read from {@code patient_history} and
 * {@code clinical_history}: the keys only, newest first (time written, then id and
 * version, so that a page boundary never splits or repeats a version); the versions
 * themselves are read as a vread reads them. Versions of hidden patients (restricted
 * records the caller may not open) are left out of type-level pages.
 */
@Repository
class HistoryRepository {

	/** A version's key. */
	record Key(long id, int version) {
	}

	private final JdbcClient jdbc;

	HistoryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Key> patientVersions(@Nullable Long patient, HistoryQuery query, Set<Long> hidden) {
		Map<String, Object> params = params(query, hidden);
		String where = patientFilter(patient, params, "patient_id");
		return jdbc
			.sql("select patient_id, version from patient_history where " + where
					+ " order by recorded_at desc, patient_id desc, version desc limit :limit offset :offset")
			.params(params)
			.query((rs, n) -> new Key(rs.getLong("patient_id"), rs.getInt("version")))
			.list();
	}

	int countPatientVersions(@Nullable Long patient, HistoryQuery query, Set<Long> hidden) {
		Map<String, Object> params = params(query, hidden);
		String where = patientFilter(patient, params, "patient_id");
		return jdbc.sql("select count(*) from patient_history where " + where)
			.params(params)
			.query(Integer.class)
			.single();
	}

	List<Key> clinicalVersions(ClinicalKind<?> kind, @Nullable Long entry, HistoryQuery query, Set<Long> hidden) {
		Map<String, Object> params = params(query, hidden);
		String where = clinicalFilter(kind, entry, params);
		return jdbc
			.sql("select resource_id, version from clinical_history where " + where
					+ " order by recorded_at desc, resource_id desc, version desc limit :limit offset :offset")
			.params(params)
			.query((rs, n) -> new Key(rs.getLong("resource_id"), rs.getInt("version")))
			.list();
	}

	int countClinicalVersions(ClinicalKind<?> kind, @Nullable Long entry, HistoryQuery query, Set<Long> hidden) {
		Map<String, Object> params = params(query, hidden);
		String where = clinicalFilter(kind, entry, params);
		return jdbc.sql("select count(*) from clinical_history where " + where)
			.params(params)
			.query(Integer.class)
			.single();
	}

	private static Map<String, Object> params(HistoryQuery query, Set<Long> hidden) {
		Map<String, Object> params = new HashMap<>();
		params.put("limit", query.limit());
		params.put("offset", query.offset());
		params.put("hidden", hidden.toArray(Long[]::new));
		if (query.since() != null) {
			params.put("since", Timestamp.from(query.since()));
		}
		return params;
	}

	private static String patientFilter(@Nullable Long patient, Map<String, Object> params, String column) {
		StringBuilder where = new StringBuilder(column + " <> all(:hidden)");
		if (patient != null) {
			where.append(" and " + column + " = :patient");
			params.put("patient", patient);
		}
		if (params.containsKey("since")) {
			where.append(" and recorded_at >= :since");
		}
		return where.toString();
	}

	private static String clinicalFilter(ClinicalKind<?> kind, @Nullable Long entry, Map<String, Object> params) {
		params.put("type", kind.resourceType());
		StringBuilder where = new StringBuilder(
				"resource_type = :type and (snapshot ->> 'patient_id')::bigint <> all(:hidden)");
		if (entry != null) {
			where.append(" and resource_id = :entry");
			params.put("entry", entry);
		}
		if (params.containsKey("since")) {
			where.append(" and recorded_at >= :since");
		}
		return where.toString();
	}

}
