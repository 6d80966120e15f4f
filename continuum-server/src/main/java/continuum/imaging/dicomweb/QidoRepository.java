package continuum.imaging.dicomweb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * QIDO-RS searches as index queries: one statement per search, every value a bound
 * parameter, only studies in RECONCILED state (a quarantined study is stored but not
 * served until it is resolved).
 */
@Repository
class QidoRepository {

	/** One matching row: the index columns by attribute, and the study's patient. */
	record Row(Map<IndexAttribute, Object> values, String studyUid, @Nullable String seriesUid,
			@Nullable String instanceUid, long patientId) {
	}

	private final JdbcClient jdbc;

	QidoRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Up to {@code limit + 1} rows, so that the caller knows whether more match. */
	List<Row> search(QidoQuery query) {
		Map<String, Object> params = new HashMap<>();
		List<String> where = new ArrayList<>();
		where.add("s.status = 'RECONCILED'");
		if (query.studyUid() != null) {
			where.add("s.study_instance_uid = :scopeStudy");
			params.put("scopeStudy", query.studyUid());
		}
		if (query.seriesUid() != null) {
			where.add("se.series_instance_uid = :scopeSeries");
			params.put("scopeSeries", query.seriesUid());
		}
		int n = 0;
		for (var key : query.keys().entrySet()) {
			where.add(condition(key.getKey(), key.getValue(), "k" + n++, params));
		}
		StringBuilder sql = new StringBuilder(
				"select s.study_instance_uid as scope_study, s.patient_id as scope_patient");
		sql.append(query.level().includes(QueryLevel.SERIES) ? ", se.series_instance_uid" : ", null")
			.append(" as scope_series");
		sql.append(query.level().includes(QueryLevel.INSTANCE) ? ", i.sop_instance_uid" : ", null")
			.append(" as scope_instance");
		for (IndexAttribute a : IndexAttribute.values()) {
			if (query.level().includes(a.level())) {
				sql.append(", ").append(a.column()).append(" as ").append(a.alias());
			}
		}
		sql.append(" from pacs_study s join pacs_patient p on p.id = s.pacs_patient_id");
		if (query.level().includes(QueryLevel.SERIES)) {
			sql.append(" join pacs_series se on se.study_id = s.id");
		}
		if (query.level().includes(QueryLevel.INSTANCE)) {
			sql.append(" join pacs_instance i on i.series_id = se.id");
		}
		sql.append(" where ").append(String.join(" and ", where));
		sql.append(switch (query.level()) {
			case STUDY -> " order by s.study_date desc nulls last, s.study_time desc nulls last, s.id desc";
			case SERIES -> " order by s.id desc, se.series_number nulls last, se.id";
			case INSTANCE ->
				" order by s.id desc, se.series_number nulls last, se.id, i.instance_number nulls last, i.id";
		});
		sql.append(" limit :limit offset :offset");
		params.put("limit", query.limit() + 1);
		params.put("offset", query.offset());
		return jdbc.sql(sql.toString()).params(params).query((rs, i) -> {
			Map<IndexAttribute, Object> values = new HashMap<>();
			for (IndexAttribute a : query.returned()) {
				Object value = rs.getObject(a.alias());
				if (value instanceof java.sql.Array array) {
					value = List.of((Object[]) array.getArray());
				}
				if (value != null) {
					values.put(a, value);
				}
			}
			return new Row(values, rs.getString("scope_study"), rs.getString("scope_series"),
					rs.getString("scope_instance"), rs.getLong("scope_patient"));
		}).list();
	}

	private static String condition(IndexAttribute a, Object value, String name, Map<String, Object> params) {
		String column = a.matchColumn();
		if (value instanceof QidoQuery.Pattern pattern) {
			params.put(name, pattern.like());
			return column + " like :" + name;
		}
		if (value instanceof QidoQuery.Range<?> range) {
			List<String> parts = new ArrayList<>();
			if (range.from() != null) {
				params.put(name + "f", range.from());
				parts.add(column + " >= :" + name + "f");
			}
			if (range.to() != null) {
				params.put(name + "t", range.to());
				parts.add(column + " <= :" + name + "t");
			}
			return "(" + String.join(" and ", parts) + ")";
		}
		if (value instanceof List<?> list) {
			params.put(name, list);
			return a.match() == IndexAttribute.Match.CODES ? column + " && array[:" + name + "]::varchar[]"
					: column + " in (:" + name + ")";
		}
		params.put(name, value);
		return column + " = :" + name;
	}

}
