package continuum.imaging.dicomweb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import continuum.imaging.pacs.IndexQuery;
import continuum.imaging.pacs.QueryKey;
import continuum.imaging.pacs.QueryLevel;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * QIDO-RS searches as index queries: one statement per search, built by the PACS's
 * {@link IndexQuery} as C-FIND's are, every value a bound parameter, only studies in
 * RECONCILED state (a quarantined study is stored but not served until it is resolved).
 * Newest studies first.
 */
@Repository
class QidoRepository {

	/** One matching row: the returned keys' values, and the study's patient. */
	record Row(Map<QueryKey, Object> values, String studyUid, @Nullable String seriesUid, @Nullable String instanceUid,
			long patientId) {
	}

	private static final Map<QueryLevel, String> ORDER = Map.of(QueryLevel.STUDY,
			" order by st.study_date desc nulls last, st.study_time desc nulls last, st.id desc", QueryLevel.SERIES,
			" order by st.id desc, se.series_number nulls last, se.id", QueryLevel.IMAGE,
			" order by st.id desc, se.series_number nulls last, se.id, i.instance_number nulls last, i.id");

	private final JdbcClient jdbc;

	QidoRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Up to {@code limit + 1} rows, so that the caller knows whether more match. */
	List<Row> search(QidoQuery query) {
		QueryLevel level = query.level();
		String scope = "st.study_instance_uid as scope_study, st.patient_id as scope_patient, "
				+ (level == QueryLevel.STUDY ? "null" : "se.series_instance_uid") + " as scope_series, "
				+ (level == QueryLevel.IMAGE ? "i.sop_instance_uid" : "null") + " as scope_instance";
		String sql = query.index().sql(scope, query.returned()) + ORDER.get(level) + " limit :limit offset :offset";
		Map<String, Object> params = new HashMap<>(query.index().parameters());
		params.put("limit", query.limit() + 1);
		params.put("offset", query.offset());
		return jdbc.sql(sql)
			.params(params)
			.query((rs, i) -> new Row(IndexQuery.values(rs, query.returned()), rs.getString("scope_study"),
					rs.getString("scope_series"), rs.getString("scope_instance"), rs.getLong("scope_patient")))
			.list();
	}

}
