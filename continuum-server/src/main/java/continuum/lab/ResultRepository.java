package continuum.lab;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Results and their versions. */
@Repository
class ResultRepository {

	/** What a result row is set to when a value is entered or corrected. */
	record Entry(LabItemId item, String accession, PatientId patient, LabTest test, ResultValue value,
			ReferenceRange range, @Nullable AbnormalFlag flag, @Nullable String method, @Nullable String analyzer,
			ResultStatus status, Instant observedAt, String enteredBy) {
	}

	/**
	 * A test of a received specimen that has no result yet: a line of a bench's work
	 * list.
	 */
	record Pending(String accession, LabItemId item, PatientId patient, LabTest test, Priority priority,
			Instant receivedAt) {
	}

	private static final String SELECT = "select * from lab_result ";

	private final JdbcClient jdbc;

	private final LabCatalogue catalogue;

	ResultRepository(JdbcClient jdbc, LabCatalogue catalogue) {
		this.jdbc = jdbc;
		this.catalogue = catalogue;
	}

	ResultId insert(Entry entry, Instant now) {
		return new ResultId(jdbc
			.sql("""
					insert into lab_result (item_id, accession, patient_id, test_code, value_numeric, value_text, comparator,
					                        unit, reference_low, reference_high, reference_text, flag, critical, method,
					                        analyzer, result_status, stage, observed_at, entered_by, entered_at, updated_at)
					values (:item, :accession, :patient, :test, :number, :text, :comparator, :unit, :low, :high, :refText,
					        :flag, :critical, :method, :analyzer, :status, 'ENTERED', :observed, :by, :now, :now)
					returning id""")
			.param("item", entry.item().value())
			.params(values(entry))
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single());
	}

	/**
	 * Sets a new value; the result goes back to ENTERED unless {@code releasedBy}
	 * releases it at once (a correction by a clinical biologist).
	 */
	void update(ResultId id, Entry entry, boolean corrected, @Nullable String releasedBy, Instant now) {
		jdbc.sql(
				"""
						update lab_result set value_numeric = :number, value_text = :text, comparator = :comparator,
						       unit = :unit, reference_low = :low, reference_high = :high, reference_text = :refText,
						       flag = :flag, critical = :critical, method = :method, analyzer = :analyzer,
						       result_status = :status, observed_at = :observed, entered_by = :by, entered_at = :now,
						       stage = case when :releasedBy::text is null then 'ENTERED' else 'RELEASED' end,
						       verified_by = :releasedBy, verified_at = case when :releasedBy::text is null then null else :now::timestamptz end,
						       released_by = :releasedBy, released_at = case when :releasedBy::text is null then null else :now::timestamptz end,
						       corrected = corrected or :corrected, version = version + 1, updated_at = :now
						where id = :id""")
			.params(values(entry))
			.param("corrected", corrected)
			.param("releasedBy", releasedBy)
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
	}

	private static java.util.Map<String, Object> values(Entry entry) {
		java.util.Map<String, Object> values = new java.util.HashMap<>();
		values.put("accession", entry.accession());
		values.put("patient", entry.patient().value());
		values.put("test", entry.test().code());
		values.put("number", entry.value().number());
		values.put("text", entry.value().text());
		values.put("comparator", entry.value().comparator());
		values.put("unit", entry.test().unit());
		values.put("low", entry.range().low());
		values.put("high", entry.range().high());
		values.put("refText", entry.range().text());
		values.put("flag", entry.flag() == null ? null : entry.flag().code());
		values.put("critical", entry.flag() != null && entry.flag().critical());
		values.put("method", entry.method());
		values.put("analyzer", entry.analyzer());
		values.put("status", entry.status().hl7Code());
		values.put("observed", Timestamp.from(entry.observedAt()));
		values.put("by", entry.enteredBy());
		return values;
	}

	/** Moves results from one stage to the next; answers how many moved. */
	int advance(Collection<ResultId> ids, ResultStage from, ResultStage to, String by, Instant now) {
		String who = to == ResultStage.VERIFIED ? "verified" : "released";
		return jdbc
			.sql("update lab_result set stage = :to, " + who + "_by = :by, " + who + "_at = :now, "
					+ "version = version + 1, updated_at = :now where id in (:ids) and stage = :from")
			.param("to", to.name())
			.param("from", from.name())
			.param("by", by)
			.param("now", Timestamp.from(now))
			.param("ids", ids.stream().map(ResultId::value).toList())
			.update();
	}

	/** Keeps the row as it now is as its current version. */
	void recordVersion(ResultId id, String by, @Nullable String reason, Instant now) {
		jdbc.sql("""
				insert into lab_result_version (result_id, version, snapshot, changed_by, changed_at, reason)
				select r.id, r.version, to_jsonb(r), :by, :now, :reason from lab_result r where r.id = :id
				on conflict (result_id, version) do nothing""")
			.param("id", id.value())
			.param("by", by)
			.param("now", Timestamp.from(now))
			.param("reason", reason)
			.update();
	}

	/** Keeps the rows as they now are as their current versions, in one statement. */
	void recordVersions(Collection<ResultId> ids, String by, Instant now) {
		jdbc.sql("""
				insert into lab_result_version (result_id, version, snapshot, changed_by, changed_at)
				select r.id, r.version, to_jsonb(r), :by, :now from lab_result r where r.id in (:ids)
				on conflict (result_id, version) do nothing""")
			.param("ids", ids.stream().map(ResultId::value).toList())
			.param("by", by)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Every version of a result, oldest first, as rows shaped like the result. */
	List<Version> versions(ResultId id) {
		return jdbc.sql("""
				select (jsonb_populate_record(null::lab_result, v.snapshot)).*, v.changed_by as v_changed_by,
				       v.changed_at as v_changed_at, v.reason as v_reason
				from lab_result_version v where v.result_id = :id order by v.version""")
			.param("id", id.value())
			.query((rs, n) -> new Version(result(rs), rs.getString("v_changed_by"),
					rs.getTimestamp("v_changed_at").toInstant(), rs.getString("v_reason")))
			.list();
	}

	/**
	 * The versions of results that were released (the only ones FHIR shows), of one
	 * result or of all when {@code id} is null, written at or after {@code since}, newest
	 * first (time written, then result and version), leaving out the patients in
	 * {@code hidden}.
	 */
	List<LabResult> releasedVersions(@Nullable ResultId id, @Nullable Instant since, Set<Long> hidden, int limit,
			int offset) {
		return jdbc.sql("select (jsonb_populate_record(null::lab_result, v.snapshot)).* " + RELEASED_VERSIONS + """
				order by (v.snapshot ->> 'updated_at')::timestamptz desc, v.result_id desc, v.version desc
				limit :limit offset :offset""")
			.params(releasedVersionCriteria(id, since, hidden))
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> result(rs))
			.list();
	}

	int countReleasedVersions(@Nullable ResultId id, @Nullable Instant since, Set<Long> hidden) {
		return jdbc.sql("select count(*) " + RELEASED_VERSIONS)
			.params(releasedVersionCriteria(id, since, hidden))
			.query(Integer.class)
			.single();
	}

	/** One released version of a result. */
	Optional<LabResult> releasedVersion(ResultId id, int version) {
		return jdbc.sql("""
				select (jsonb_populate_record(null::lab_result, v.snapshot)).* from lab_result_version v
				where v.result_id = :id and v.version = :version and v.snapshot ->> 'stage' = 'RELEASED'""")
			.param("id", id.value())
			.param("version", version)
			.query((rs, n) -> result(rs))
			.optional();
	}

	private static final String RELEASED_VERSIONS = """
			from lab_result_version v
			where v.snapshot ->> 'stage' = 'RELEASED'
			  and (cast(:id as bigint) is null or v.result_id = :id)
			  and (v.snapshot ->> 'patient_id')::bigint <> all(:hidden)
			  and (v.snapshot ->> 'updated_at')::timestamptz >= coalesce(:since, '-infinity'::timestamptz)
			""";

	private static java.util.Map<String, Object> releasedVersionCriteria(@Nullable ResultId id, @Nullable Instant since,
			Set<Long> hidden) {
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		params.put("id", new SqlParameterValue(java.sql.Types.BIGINT, id == null ? null : id.value()));
		params.put("hidden", hidden.toArray(Long[]::new));
		params.put("since", new SqlParameterValue(java.sql.Types.TIMESTAMP_WITH_TIMEZONE,
				since == null ? null : since.atOffset(java.time.ZoneOffset.UTC)));
		return params;
	}

	/**
	 * Every version of every result of these order items, oldest first per result: what a
	 * laboratory report's versions are made of.
	 */
	List<LabResult> versionsOfItems(Collection<LabItemId> items) {
		if (items.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select (jsonb_populate_record(null::lab_result, v.snapshot)).* from lab_result_version v
				where v.result_id in (select id from lab_result where item_id in (:items))
				order by v.result_id, v.version""")
			.param("items", items.stream().map(LabItemId::value).toList())
			.query((rs, n) -> result(rs))
			.list();
	}

	/**
	 * One version of a laboratory report (an order item's released results): a moment at
	 * which one of its results was released, corrected or withdrawn for a correction.
	 */
	record ReportVersion(LabItemId item, PatientId patient, Instant at, int version) {
	}

	/**
	 * The moments a report changed, numbered per item from 1: when one of its results got
	 * a released version, or left release (a released value entered again, which
	 * withdraws it until the new value is released). Results of the items in
	 * {@code :items}, or of every item when {@code :allItems}.
	 */
	private static final String REPORT_VERSIONS = """
			with steps as (
			  select r.item_id, r.patient_id, (v.snapshot ->> 'updated_at')::timestamptz as point_at,
			         v.snapshot ->> 'stage' = 'RELEASED' as released,
			         coalesce(lag(v.snapshot ->> 'stage') over (partition by v.result_id order by v.version)
			                  = 'RELEASED', false) as was_released
			  from lab_result_version v join lab_result r on r.id = v.result_id
			  where :allItems or r.item_id in (:items)),
			points as (
			  select item_id, patient_id, point_at, row_number() over (partition by item_id order by point_at) as version
			  from (select distinct item_id, patient_id, point_at from steps where released or was_released) p)
			""";

	/**
	 * Report versions written at or after {@code since}, newest first (time, then item
	 * and version), of one item or of all when {@code item} is null, leaving out the
	 * patients in {@code hidden}.
	 */
	List<ReportVersion> reportVersions(@Nullable LabItemId item, @Nullable Instant since, Set<Long> hidden, int limit,
			int offset) {
		return jdbc.sql(REPORT_VERSIONS + """
				select item_id, patient_id, point_at, version from points
				where patient_id <> all(:hidden) and point_at >= coalesce(:since, '-infinity'::timestamptz)
				order by point_at desc, item_id desc, version desc limit :limit offset :offset""")
			.params(reportVersionCriteria(item, since, hidden))
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> new ReportVersion(new LabItemId(rs.getLong("item_id")),
					new PatientId(rs.getLong("patient_id")), rs.getTimestamp("point_at").toInstant(),
					rs.getInt("version")))
			.list();
	}

	int countReportVersions(@Nullable LabItemId item, @Nullable Instant since, Set<Long> hidden) {
		return jdbc.sql(REPORT_VERSIONS + """
				select count(*) from points
				where patient_id <> all(:hidden) and point_at >= coalesce(:since, '-infinity'::timestamptz)""")
			.params(reportVersionCriteria(item, since, hidden))
			.query(Integer.class)
			.single();
	}

	/** The current version number of each item's report (items without one left out). */
	java.util.Map<LabItemId, Integer> reportVersionNumbers(Collection<LabItemId> items) {
		java.util.Map<LabItemId, Integer> numbers = new java.util.HashMap<>();
		if (items.isEmpty()) {
			return numbers;
		}
		jdbc.sql(REPORT_VERSIONS + "select item_id, max(version) as version from points group by item_id")
			.param("allItems", false)
			.param("items", items.stream().map(LabItemId::value).toList())
			.query((java.sql.ResultSet rs) -> {
				numbers.put(new LabItemId(rs.getLong("item_id")), rs.getInt("version"));
			});
		return numbers;
	}

	private static java.util.Map<String, Object> reportVersionCriteria(@Nullable LabItemId item,
			@Nullable Instant since, Set<Long> hidden) {
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		params.put("allItems", item == null);
		params.put("items", List.of(item == null ? 0L : item.value()));
		params.put("hidden", hidden.toArray(Long[]::new));
		params.put("since", new SqlParameterValue(java.sql.Types.TIMESTAMP_WITH_TIMEZONE,
				since == null ? null : since.atOffset(java.time.ZoneOffset.UTC)));
		return params;
	}

	/** One earlier state of a result, who made it and why. */
	record Version(LabResult result, String changedBy, Instant changedAt, @Nullable String reason) {
	}

	Optional<LabResult> find(ResultId id, boolean lock) {
		return jdbc.sql(SELECT + "where id = :id" + (lock ? " for update" : ""))
			.param("id", id.value())
			.query((rs, n) -> result(rs))
			.optional();
	}

	Optional<LabResult> find(LabItemId item, String testCode, boolean lock) {
		return jdbc.sql(SELECT + "where item_id = :item and test_code = :test" + (lock ? " for update" : ""))
			.param("item", item.value())
			.param("test", testCode)
			.query((rs, n) -> result(rs))
			.optional();
	}

	List<LabResult> findAll(Collection<ResultId> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT + "where id in (:ids) order by id")
			.param("ids", ids.stream().map(ResultId::value).toList())
			.query((rs, n) -> result(rs))
			.list();
	}

	List<LabResult> ofItems(Collection<LabItemId> items) {
		return ofItems(items, false);
	}

	/** The results of the items, locked for a change when asked. */
	List<LabResult> ofItems(Collection<LabItemId> items, boolean lock) {
		if (items.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT + "where item_id in (:items) order by item_id, id" + (lock ? " for update" : ""))
			.param("items", items.stream().map(LabItemId::value).toList())
			.query((rs, n) -> result(rs))
			.list();
	}

	/** Results at a stage, oldest first, optionally of one bench's tests. */
	List<LabResult> atStage(ResultStage stage, @Nullable String bench, int limit) {
		return jdbc.sql(SELECT + """
				where stage = :stage and (:bench::text is null
				      or test_code in (select code from lab_test where bench = :bench))
				order by entered_at, id limit :limit""")
			.param("stage", stage.name())
			.param("bench", bench)
			.param("limit", limit)
			.query((rs, n) -> result(rs))
			.list();
	}

	/**
	 * The patient's released results, oldest first, optionally of one test and from a
	 * time.
	 */
	List<LabResult> released(PatientId patient, @Nullable String testCode, @Nullable Instant from, int limit) {
		return jdbc.sql(SELECT + """
				where patient_id = :patient and stage = 'RELEASED' and (:test::text is null or test_code = :test)
				  and (:from::timestamptz is null or observed_at >= :from)
				order by observed_at, id limit :limit""")
			.param("patient", patient.value())
			.param("test", testCode)
			.param("from", from == null ? null : Timestamp.from(from))
			.param("limit", limit)
			.query((rs, n) -> result(rs))
			.list();
	}

	/**
	 * Tests of received specimens that have no result yet, for a bench; most urgent
	 * first.
	 */
	List<Pending> worklist(String bench, int limit) {
		return jdbc.sql("""
				select s.accession, i.id as item_id, s.patient_id, t.code as test_code, o.priority, s.received_at
				from lab_specimen s
				join lab_specimen_item si on si.accession = s.accession
				join lab_order_item i on i.id = si.item_id and i.status = 'ACTIVE'
				join lab_order o on o.id = i.order_id
				join lab_orderable_test ot on ot.orderable_code = i.orderable_code
				join lab_test t on t.code = ot.test_code and t.bench = :bench and t.container = s.container
				where s.status = 'RECEIVED'
				  and not exists (select 1 from lab_result r where r.item_id = i.id and r.test_code = t.code)
				order by case o.priority when 'STAT' then 0 when 'URGENT' then 1 else 2 end, s.received_at,
				         s.accession, ot.position
				limit :limit""")
			.param("bench", bench)
			.param("limit", limit)
			.query((rs, n) -> new Pending(rs.getString("accession"), new LabItemId(rs.getLong("item_id")),
					new PatientId(rs.getLong("patient_id")), catalogue.test(rs.getString("test_code")).orElseThrow(),
					Priority.valueOf(rs.getString("priority")), rs.getTimestamp("received_at").toInstant()))
			.list();
	}

	/** How many of the item's tests have a released result. */
	int releasedCount(LabItemId item) {
		return jdbc.sql("select count(*) from lab_result where item_id = :item and stage = 'RELEASED'")
			.param("item", item.value())
			.query(Integer.class)
			.single();
	}

	private LabResult result(ResultSet rs) throws SQLException {
		LabTest test = catalogue.test(rs.getString("test_code")).orElseThrow();
		String comparator = rs.getString("comparator");
		ResultValue value = new ResultValue(rs.getBigDecimal("value_numeric"), rs.getString("value_text"), comparator);
		ReferenceRange range = new ReferenceRange(rs.getBigDecimal("reference_low"), rs.getBigDecimal("reference_high"),
				null, null, rs.getBigDecimal("reference_low") == null && rs.getBigDecimal("reference_high") == null
						? rs.getString("reference_text") : null);
		return new LabResult(new ResultId(rs.getLong("id")), new LabItemId(rs.getLong("item_id")),
				rs.getString("accession"), new PatientId(rs.getLong("patient_id")), test, value, rs.getString("unit"),
				range, AbnormalFlag.ofCode(rs.getString("flag")), rs.getBoolean("critical"), rs.getString("method"),
				rs.getString("analyzer"), ResultStatus.ofHl7(rs.getString("result_status")),
				ResultStage.valueOf(rs.getString("stage")), rs.getTimestamp("observed_at").toInstant(),
				rs.getString("entered_by"), rs.getTimestamp("entered_at").toInstant(), rs.getString("verified_by"),
				OrderRepository.instant(rs.getTimestamp("verified_at")), rs.getString("released_by"),
				OrderRepository.instant(rs.getTimestamp("released_at")), rs.getBoolean("corrected"),
				rs.getInt("version"), rs.getTimestamp("updated_at").toInstant());
	}

}
