package continuum.lab;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import continuum.fhir.RankedMatch;
import continuum.fhir.SearchSql;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The searches over order items, specimens, released results and reports: each finds the
 * ids of one page (and counts every match) by the criteria given; the rows themselves are
 * read by {@link OrderRepository} and {@link ResultRepository}.
 */
@Repository
class LabSearchRepository {

	/** One report row: the item and what its released results add up to. */
	record ReportRow(LabItemId item, PatientId patient, String orderableCode, ReportStatus status, Instant effective,
			Instant issued, Instant lastUpdated) {
	}

	/**
	 * The released results of each item, as one row per item with the report's status:
	 * the definition of {@link ReportStatus} in SQL, so that a search can filter on it.
	 */
	private static final String REPORTS = """
			select i.id as item_id, i.patient_id, i.orderable_code, min(r.observed_at) as effective,
			       max(r.released_at) as issued, max(r.updated_at) as last_updated,
			       case when bool_or(r.corrected) then 'CORRECTED'
			            when count(*) < (select count(*) from lab_orderable_test t
			                             where t.orderable_code = i.orderable_code) then 'PARTIAL'
			            when bool_or(r.result_status = 'P') then 'PRELIMINARY'
			            else 'FINAL' end as status
			from lab_order_item i join lab_result r on r.item_id = i.id and r.stage = 'RELEASED'
			""";

	/**
	 * The result table as the parameters every FHIR type has read it; {@code code:text}
	 * over the test's short name (the concept's text) and name (its coding's display), as
	 * for the order items and reports below over the orderable's.
	 */
	private static final SearchSql.Columns RESULT_COLUMNS = new SearchSql.Columns("r.id", "r.updated_at",
			"r.patient_id", Map.of("date", "r.observed_at"))
		.withText("code", "(select t.short_name from lab_test t where t.code = r.test_code)",
				"(select t.name from lab_test t where t.code = r.test_code)");

	/** The order item table as the parameters every FHIR type has read it. */
	private static final SearchSql.Columns ITEM_COLUMNS = new SearchSql.Columns("i.id", "i.updated_at", "i.patient_id",
			Map.of("authored", "o.ordered_at"))
		.withText("code", "(select t.short_name from lab_orderable t where t.code = i.orderable_code)",
				"(select t.name from lab_orderable t where t.code = i.orderable_code)");

	/** A report row ({@link #REPORTS}) as the parameters every FHIR type has read it. */
	private static final SearchSql.Columns REPORT_COLUMNS = new SearchSql.Columns("x.item_id", "x.last_updated",
			"x.patient_id", Map.of("date", "x.effective"))
		.withText("code", "(select t.short_name from lab_orderable t where t.code = x.orderable_code)",
				"(select t.name from lab_orderable t where t.code = x.orderable_code)");

	/** The specimen table as the parameters every FHIR type has read it. */
	private static final SearchSql.Columns SPECIMEN_COLUMNS = new SearchSql.Columns("s.accession", "s.updated_at",
			"s.patient_id", Map.of(), true);

	private final JdbcClient jdbc;

	LabSearchRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Page<T>(List<T> ids, int total) {
	}

	Page<LabItemId> items(LabRequestQuery query, Collection<Long> hidden) {
		Where where = itemsWhere(query, hidden);
		String from = ITEMS_FROM + where.sql();
		List<LabItemId> ids = where
			.bind(jdbc.sql("select i.id " + from + " order by "
					+ SearchSql.orderBy(query.controls(), ITEM_COLUMNS, "o.ordered_at desc, i.id desc") + " limit "
					+ query.limit() + " offset " + query.offset()))
			.query(Long.class)
			.list()
			.stream()
			.map(LabItemId::new)
			.toList();
		return new Page<>(ids, count(where, from));
	}

	/**
	 * The first {@code limit} order items in the order of the query's {@code _sort}, as
	 * ids and sort values ({@code authored} is when the order was placed), with the
	 * number of all matches.
	 */
	RankedMatch.Ranking rankItems(LabRequestQuery query, Collection<Long> hidden, int limit) {
		Where where = itemsWhere(query, hidden);
		return rank(where, "i.id, i.updated_at, o.ordered_at", ITEMS_FROM + where.sql(),
				SearchSql.orderBy(query.controls(), ITEM_COLUMNS, "o.ordered_at desc, i.id desc"), limit);
	}

	private static final String ITEMS_FROM = "from lab_order_item i join lab_order o on o.id = i.order_id ";

	private static Where itemsWhere(LabRequestQuery query, Collection<Long> hidden) {
		Where where = new Where();
		where.equal("i.patient_id", query.patient() == null ? null : query.patient().value());
		where.notAmong("i.patient_id", hidden);
		where.equal("i.orderable_code", query.orderableCode());
		where.in("i.status", query.statuses().stream().map(Enum::name).toList());
		where.range("o.ordered_at", query.authoredFrom(), query.authoredUntil());
		where.range("i.updated_at", query.updatedFrom(), query.updatedUntil());
		where.equal("o.placer_number", query.requisition());
		if (query.itemNumber() != null) {
			if (query.itemNumberKind() == LabRequestQuery.ItemNumber.PLACER) {
				where.equal("i.placer_number", query.itemNumber());
			}
			else if (query.itemNumberKind() == LabRequestQuery.ItemNumber.FILLER) {
				where.equal("i.filler_number", query.itemNumber());
			}
			else {
				where.either("i.placer_number", "i.filler_number", query.itemNumber());
			}
		}
		SearchSql.conditions(query.controls(), ITEM_COLUMNS, where.params).forEach(where::add);
		return where;
	}

	Page<String> specimens(SpecimenQuery query, Collection<Long> hidden) {
		Where where = new Where();
		where.equal("s.patient_id", query.patient() == null ? null : query.patient().value());
		where.notAmong("s.patient_id", hidden);
		where.equal("s.accession", query.accession());
		where.in("s.status", query.statuses().stream().map(Enum::name).toList());
		where.range("s.updated_at", query.updatedFrom(), query.updatedUntil());
		SearchSql.conditions(query.controls(), SPECIMEN_COLUMNS, where.params).forEach(where::add);
		String from = "from lab_specimen s " + where.sql();
		List<String> ids = where.bind(jdbc.sql("select s.accession " + from + " order by "
				+ SearchSql.orderBy(query.controls(), SPECIMEN_COLUMNS, "s.updated_at desc, s.accession desc")
				+ " limit " + query.limit() + " offset " + query.offset()))
			.query(String.class)
			.list();
		return new Page<>(ids, count(where, from));
	}

	Page<ResultId> results(LabResultQuery query, Collection<Long> hidden) {
		Where where = new Where();
		where.add("r.stage = 'RELEASED'");
		where.equal("r.patient_id", query.patient() == null ? null : query.patient().value());
		where.notAmong("r.patient_id", hidden);
		where.equal("r.test_code", query.testCode());
		where.in("r.result_status", query.statuses().stream().map(ResultStatus::hl7Code).toList());
		where.range("r.observed_at", query.observedFrom(), query.observedUntil());
		where.range("r.updated_at", query.updatedFrom(), query.updatedUntil());
		where.equal("r.accession", query.accession());
		where.equal("r.item_id", query.item() == null ? null : query.item().value());
		SearchSql.conditions(query.controls(), RESULT_COLUMNS, where.params).forEach(where::add);
		String from = "from lab_result r " + where.sql();
		List<ResultId> ids = where
			.bind(jdbc.sql("select r.id " + from + " order by "
					+ SearchSql.orderBy(query.controls(), RESULT_COLUMNS, "r.observed_at desc, r.id desc") + " limit "
					+ query.limit() + " offset " + query.offset()))
			.query(Long.class)
			.list()
			.stream()
			.map(ResultId::new)
			.toList();
		return new Page<>(ids, count(where, from));
	}

	Page<ReportRow> reports(LabReportQuery query, Collection<Long> hidden) {
		Where reports = reportsWhere(query, hidden);
		String from = reportsFrom(reports);
		List<ReportRow> rows = reports
			.bind(jdbc.sql("select x.* " + from + " order by "
					+ SearchSql.orderBy(query.controls(), REPORT_COLUMNS, "x.effective desc, x.item_id desc")
					+ " limit " + query.limit() + " offset " + query.offset()))
			.query((rs, n) -> new ReportRow(new LabItemId(rs.getLong("item_id")),
					new PatientId(rs.getLong("patient_id")), rs.getString("orderable_code"),
					ReportStatus.valueOf(rs.getString("status")), rs.getTimestamp("effective").toInstant(),
					rs.getTimestamp("issued").toInstant(), rs.getTimestamp("last_updated").toInstant()))
			.list();
		return new Page<>(rows, count(reports, from));
	}

	/**
	 * The first {@code limit} reports in the order of the query's {@code _sort}, as ids
	 * and sort values ({@code date} is the report's effective time), with the number of
	 * all matches.
	 */
	RankedMatch.Ranking rankReports(LabReportQuery query, Collection<Long> hidden, int limit) {
		Where reports = reportsWhere(query, hidden);
		return rank(reports, "x.item_id, x.last_updated, x.effective", reportsFrom(reports),
				SearchSql.orderBy(query.controls(), REPORT_COLUMNS, "x.effective desc, x.item_id desc"), limit);
	}

	/**
	 * The conditions on a report row: those on its item inside the grouped query
	 * ({@link #reportsFrom}), those on the aggregate outside, sharing their parameters.
	 */
	private static Where reportsWhere(LabReportQuery query, Collection<Long> hidden) {
		Where items = new Where();
		items.equal("i.patient_id", query.patient() == null ? null : query.patient().value());
		items.notAmong("i.patient_id", hidden);
		items.equal("i.orderable_code", query.orderableCode());
		items.equal("i.id", query.item() == null ? null : query.item().value());
		Where reports = new Where(items.params, items);
		reports.in("x.status", query.statuses().stream().map(Enum::name).toList());
		reports.range("x.effective", query.effectiveFrom(), query.effectiveUntil());
		reports.range("x.last_updated", query.updatedFrom(), query.updatedUntil());
		SearchSql.conditions(query.controls(), REPORT_COLUMNS, reports.params).forEach(reports::add);
		return reports;
	}

	private static String reportsFrom(Where reports) {
		Where items = reports.inner;
		return "from (" + REPORTS + (items == null ? "" : items.sql()) + " group by i.id) x " + reports.sql();
	}

	/**
	 * The first {@code limit} rows of a search as its id, last update and date (the three
	 * columns named, in that order), with the number of all rows.
	 */
	private RankedMatch.Ranking rank(Where where, String columns, String from, String orderBy, int limit) {
		record Row(RankedMatch match, int total) {
		}
		List<Row> rows = where
			.bind(jdbc.sql("select " + columns + ", count(*) over () " + from + " order by " + orderBy + " limit "
					+ Math.max(1, limit)))
			.query((rs,
					n) -> new Row(new RankedMatch(Long.toString(rs.getLong(1)), rs.getTimestamp(2).toInstant(),
							rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()), rs.getInt(4)))
			.list();
		return new RankedMatch.Ranking(rows.stream().map(Row::match).toList(),
				rows.isEmpty() ? 0 : rows.get(0).total());
	}

	/** The order items of these patients, by id. */
	List<LabItemId> itemsOfPatients(Collection<Long> patients) {
		return jdbc.sql("select id from lab_order_item where patient_id = any(cast(:patients as bigint[])) order by id")
			.param("patients", patients.toArray(Long[]::new))
			.query(Long.class)
			.list()
			.stream()
			.map(LabItemId::new)
			.toList();
	}

	/** The accession numbers of these patients' specimens, in order. */
	List<String> specimensOfPatients(Collection<Long> patients) {
		return jdbc
			.sql("select accession from lab_specimen where patient_id = any(cast(:patients as bigint[]))"
					+ " order by accession")
			.param("patients", patients.toArray(Long[]::new))
			.query(String.class)
			.list();
	}

	/** The released results of these patients, by id. */
	List<ResultId> releasedOfPatients(Collection<Long> patients) {
		return jdbc
			.sql("select id from lab_result where stage = 'RELEASED' and patient_id = any(cast(:patients as bigint[]))"
					+ " order by id")
			.param("patients", patients.toArray(Long[]::new))
			.query(Long.class)
			.list()
			.stream()
			.map(ResultId::new)
			.toList();
	}

	/** The reports (items with a released result) of these patients, by item. */
	List<ReportRow> reportsOfPatients(Collection<Long> patients) {
		return jdbc
			.sql("select x.* from (" + REPORTS
					+ " where i.patient_id = any(cast(:patients as bigint[])) group by i.id) x order by x.item_id")
			.param("patients", patients.toArray(Long[]::new))
			.query((rs, n) -> new ReportRow(new LabItemId(rs.getLong("item_id")),
					new PatientId(rs.getLong("patient_id")), rs.getString("orderable_code"),
					ReportStatus.valueOf(rs.getString("status")), rs.getTimestamp("effective").toInstant(),
					rs.getTimestamp("issued").toInstant(), rs.getTimestamp("last_updated").toInstant()))
			.list();
	}

	/** Up to {@code limit} released results with an id above {@code afterId}, by id. */
	List<ResultId> releasedAfter(long afterId, int limit) {
		return jdbc.sql("select id from lab_result where stage = 'RELEASED' and id > :after order by id limit :limit")
			.param("after", afterId)
			.param("limit", limit)
			.query(Long.class)
			.list()
			.stream()
			.map(ResultId::new)
			.toList();
	}

	/** Which of these results are released, by id. */
	List<ResultId> released(Collection<Long> ids) {
		return jdbc.sql("select id from lab_result where stage = 'RELEASED' and id in (:ids) order by id")
			.param("ids", List.copyOf(ids))
			.query(Long.class)
			.list()
			.stream()
			.map(ResultId::new)
			.toList();
	}

	private int count(Where where, String from) {
		return where.bind(jdbc.sql("select count(*) " + from)).query(Integer.class).single();
	}

	/**
	 * The conditions of one search, joined with {@code and}, and their named parameters;
	 * a null value or an empty list adds no condition. Column names are constants of this
	 * class, values always parameters.
	 */
	private static final class Where {

		private final List<String> conditions = new ArrayList<>();

		private final Map<String, Object> params;

		/** The conditions of the inner query this one filters, if any. */
		private final @Nullable Where inner;

		Where() {
			this(new HashMap<>(), null);
		}

		/** Shares the parameters of an inner query's conditions. */
		Where(Map<String, Object> params, @Nullable Where inner) {
			this.params = params;
			this.inner = inner;
		}

		void add(String condition) {
			conditions.add(condition);
		}

		void equal(String column, @Nullable Object value) {
			if (value != null) {
				conditions.add(column + " = :" + name(value));
			}
		}

		void in(String column, Collection<String> values) {
			if (!values.isEmpty()) {
				conditions.add(column + " in (:" + name(List.copyOf(values)) + ")");
			}
		}

		/** One of two columns equals the value. */
		void either(String column, String other, Object value) {
			String name = name(value);
			conditions.add("(" + column + " = :" + name + " or " + other + " = :" + name + ")");
		}

		/** Leaves out the rows whose column holds one of the ids (none: no condition). */
		void notAmong(String column, Collection<Long> ids) {
			if (!ids.isEmpty()) {
				conditions.add(column + " <> all(cast(:" + name(ids.toArray(Long[]::new)) + " as bigint[]))");
			}
		}

		void range(String column, @Nullable Instant from, @Nullable Instant until) {
			if (from != null) {
				conditions.add(column + " >= :" + name(Timestamp.from(from)));
			}
			if (until != null) {
				conditions.add(column + " < :" + name(Timestamp.from(until)));
			}
		}

		private String name(Object value) {
			String name = "p" + params.size();
			params.put(name, value);
			return name;
		}

		String sql() {
			return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions);
		}

		JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
			return statement.params(params);
		}

	}

}
