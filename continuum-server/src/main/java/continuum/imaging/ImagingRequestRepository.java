package continuum.imaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import continuum.fhir.RankedMatch;
import continuum.fhir.SearchSql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The requested procedures a ServiceRequest search matches, a page of them with the
 * number of all matches, in one statement over the tables of {@code V450}.
 */
@Repository
class ImagingRequestRepository {

	/** A match: the requested procedure and its order. */
	record Match(long procedure, ImagingOrderId order) {
	}

	record Page(List<Match> matches, int total) {
	}

	private record Row(Match match, int total) {
	}

	private final JdbcClient jdbc;

	ImagingRequestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The requested procedure table as the parameters every FHIR type has read it. */
	private static final SearchSql.Columns COLUMNS = new SearchSql.Columns("rp.id", "rp.updated_at", "rp.patient_id",
			Map.of("authored", "o.ordered_at"))
		.withIdPrefix(ImagingRequest.PREFIX)
		.withText("code", "(select p.display from imaging_procedure p where p.code = rp.procedure_code)");

	private static final String FROM = """
			from imaging_requested_procedure rp
			join imaging_order o on o.id = rp.order_id
			where (cast(:patient as bigint) is null or rp.patient_id = :patient)
			  and rp.patient_id <> all(cast(:hidden as bigint[]))
			  and (cast(:code as text) is null or rp.procedure_code = :code)
			  and rp.status in (:statuses)
			  and (cast(:authoredFrom as timestamptz) is null or o.ordered_at >= :authoredFrom)
			  and (cast(:authoredUntil as timestamptz) is null or o.ordered_at < :authoredUntil)
			  and (cast(:updatedFrom as timestamptz) is null or rp.updated_at >= :updatedFrom)
			  and (cast(:updatedUntil as timestamptz) is null or rp.updated_at < :updatedUntil)
			  and (cast(:accession as text) is null or rp.accession_number = :accession)
			  and (cast(:placer as text) is null or o.placer_number = :placer)
			  and (cast(:number as text) is null or rp.accession_number = :number or o.placer_number = :number)
			  and (cast(:studyUid as text) is null or rp.study_instance_uid = :studyUid)
			""";

	private static final String FALLBACK_ORDER = "o.ordered_at desc, rp.id desc";

	/**
	 * A page of the matches, leaving out the patients in {@code hidden} (restricted
	 * records the caller may not open).
	 */
	Page find(ImagingRequestQuery query, Collection<Long> hidden) {
		Map<String, Object> params = new HashMap<>();
		String where = where(query, params);
		List<Row> rows = bind(jdbc.sql("select rp.id, rp.order_id, count(*) over () as total " + where + " order by "
				+ SearchSql.orderBy(query.controls(), COLUMNS, FALLBACK_ORDER) + " limit :limit offset :offset"), query,
				hidden, params)
			.param("limit", Math.max(1, query.limit()))
			.param("offset", query.offset())
			.query((rs, n) -> new Row(new Match(rs.getLong(1), new ImagingOrderId(rs.getLong(2))), rs.getInt(3)))
			.list();
		List<Match> matches = rows.stream().map(Row::match).toList();
		int total = rows.isEmpty() ? (query.offset() == 0 ? 0 : count(query, hidden)) : rows.get(0).total();
		return new Page(query.limit() == 0 ? List.of() : matches, total);
	}

	/**
	 * The first {@code limit} matches in the order of the query's {@code _sort}, as
	 * ServiceRequest ids and sort values ({@code authored} is when the order was placed),
	 * with the number of all matches.
	 */
	RankedMatch.Ranking rank(ImagingRequestQuery query, Collection<Long> hidden, int limit) {
		record Ranked(RankedMatch match, int total) {
		}
		Map<String, Object> params = new HashMap<>();
		String where = where(query, params);
		List<Ranked> rows = bind(
				jdbc.sql("select rp.id, rp.updated_at, o.ordered_at, count(*) over () " + where + " order by "
						+ SearchSql.orderBy(query.controls(), COLUMNS, FALLBACK_ORDER) + " limit :limit"),
				query, hidden, params)
			.param("limit", Math.max(1, limit))
			.query((rs,
					n) -> new Ranked(new RankedMatch(ImagingRequest.PREFIX + rs.getLong(1),
							rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()), rs.getInt(4)))
			.list();
		return new RankedMatch.Ranking(rows.stream().map(Ranked::match).toList(),
				rows.isEmpty() ? 0 : rows.get(0).total());
	}

	/** The number of matches when the page asked for lies past them all. */
	private int count(ImagingRequestQuery query, Collection<Long> hidden) {
		return find(query.page(1, 0), hidden).total();
	}

	private static String where(ImagingRequestQuery query, Map<String, Object> params) {
		List<String> common = SearchSql.conditions(query.controls(), COLUMNS, params);
		return common.isEmpty() ? FROM : FROM + "  and " + String.join(" and ", common) + "\n";
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, ImagingRequestQuery query,
			Collection<Long> hidden, Map<String, Object> common) {
		return sql.params(common)
			.param("patient", query.patient() == null ? null : query.patient().value())
			.param("hidden", hidden.toArray(Long[]::new))
			.param("code", query.procedureCode())
			.param("statuses", query.statuses().stream().map(Enum::name).toList())
			.param("authoredFrom", timestamp(query.authoredFrom()))
			.param("authoredUntil", timestamp(query.authoredUntil()))
			.param("updatedFrom", timestamp(query.updatedFrom()))
			.param("updatedUntil", timestamp(query.updatedUntil()))
			.param("accession", query.accession())
			.param("placer", query.placerNumber())
			.param("number", query.anyNumber())
			.param("studyUid", query.studyInstanceUid());
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
