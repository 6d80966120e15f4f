package continuum.imaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

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

	/**
	 * A page of the matches, leaving out the patients in {@code hidden} (restricted
	 * records the caller may not open).
	 */
	Page find(ImagingRequestQuery query, Collection<Long> hidden) {
		List<Row> rows = jdbc.sql("""
				select rp.id, rp.order_id, count(*) over () as total
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
				order by o.ordered_at desc, rp.id desc
				limit :limit offset :offset""")
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
			.param("studyUid", query.studyInstanceUid())
			.param("limit", Math.max(1, query.limit()))
			.param("offset", query.offset())
			.query((rs, n) -> new Row(new Match(rs.getLong(1), new ImagingOrderId(rs.getLong(2))), rs.getInt(3)))
			.list();
		List<Match> matches = rows.stream().map(Row::match).toList();
		int total = rows.isEmpty() ? (query.offset() == 0 ? 0 : count(query, hidden)) : rows.get(0).total();
		return new Page(query.limit() == 0 ? List.of() : matches, total);
	}

	/** The number of matches when the page asked for lies past them all. */
	private int count(ImagingRequestQuery query, Collection<Long> hidden) {
		return find(new ImagingRequestQuery(query.patient(), query.procedureCode(), query.statuses(),
				query.authoredFrom(), query.authoredUntil(), query.updatedFrom(), query.updatedUntil(),
				query.accession(), query.placerNumber(), query.anyNumber(), query.studyInstanceUid(), 1, 0), hidden)
			.total();
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
