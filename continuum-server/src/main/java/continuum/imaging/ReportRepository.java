package continuum.imaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.fhir.RankedMatch;
import continuum.fhir.SearchSql;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reports, their versions, and the requested procedures they are about (with the order's
 * priority, the catalogue's procedure and the PACS study received for it).
 */
@Repository
class ReportRepository {

	/** The procedure columns, {@code rp} the requested procedure. */
	static final String PROCEDURE = """
			select rp.id as rp_id, rp.order_id, rp.patient_id as rp_patient, rp.accession_number, rp.study_instance_uid,
			       rp.procedure_code, p.coding_scheme, p.display, p.modality, o.priority, rp.status as rp_status,
			       rp.updated_at as rp_updated, s.id as pacs_study, s.instance_count, s.created_at as received_at
			from imaging_requested_procedure rp
			join imaging_order o on o.id = rp.order_id
			join imaging_procedure p on p.code = rp.procedure_code
			left join lateral (select id, instance_count, created_at from pacs_study
			                   where requested_procedure_id = rp.id and status = 'RECONCILED'
			                   order by id limit 1) s on true
			""";

	private static final String REPORT = """
			select r.*, x.* from imaging_report r
			join (%s) x on x.rp_id = r.requested_procedure_id
			""".formatted(PROCEDURE);

	private final JdbcClient jdbc;

	ReportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ReportedProcedure> procedure(long id, boolean lock) {
		if (lock) {
			jdbc.sql("select id from imaging_requested_procedure where id = ? for update")
				.param(id)
				.query()
				.listOfRows();
		}
		return jdbc.sql(PROCEDURE + " where rp.id = ?").param(id).query(ReportRepository::procedure).optional();
	}

	Optional<ImagingReport> find(ImagingReportId id) {
		return jdbc.sql(REPORT + " where r.id = ?").param(id.value()).query(ReportRepository::report).optional();
	}

	Optional<ImagingReport> ofProcedure(long requestedProcedure) {
		return jdbc.sql(REPORT + " where r.requested_procedure_id = ?")
			.param(requestedProcedure)
			.query(ReportRepository::report)
			.optional();
	}

	List<ImagingReport> ofPatient(PatientId patient) {
		return jdbc.sql(REPORT + " where r.patient_id = ? order by r.created_at desc, r.id desc")
			.param(patient.value())
			.query(ReportRepository::report)
			.list();
	}

	List<ImagingReport> ofProcedures(Collection<Long> procedures) {
		if (procedures.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(REPORT + " where r.requested_procedure_id in (:ids)")
			.param("ids", procedures)
			.query(ReportRepository::report)
			.list();
	}

	/**
	 * Reports in the statuses asked (never a draft) matching the query, newest first
	 * unless its controls sort otherwise; {@code limit} 0 counts only.
	 */
	List<ImagingReport> search(ImagingReportQuery query, Collection<Long> hidden) {
		if (query.limit() == 0) {
			return List.of();
		}
		Map<String, Object> common = new HashMap<>();
		String where = where(query, common);
		return bind(jdbc.sql(REPORT + where + " order by "
				+ SearchSql.orderBy(query.controls(), COLUMNS, FALLBACK_ORDER) + " limit :limit offset :offset"), query,
				hidden, common)
			.param("limit", query.limit())
			.param("offset", query.offset())
			.query(ReportRepository::report)
			.list();
	}

	int count(ImagingReportQuery query, Collection<Long> hidden) {
		Map<String, Object> common = new HashMap<>();
		return bind(jdbc.sql("select count(*) from imaging_report r join imaging_requested_procedure x"
				+ " on x.id = r.requested_procedure_id " + where(query, common)), query, hidden, common)
			.query(Integer.class)
			.single();
	}

	/**
	 * The first {@code limit} reports in the order of the query's {@code _sort}, as
	 * DiagnosticReport ids and sort values ({@code date} is when issued), with the number
	 * of all matches.
	 */
	RankedMatch.Ranking rank(ImagingReportQuery query, Collection<Long> hidden, int limit) {
		record Ranked(RankedMatch match, int total) {
		}
		Map<String, Object> common = new HashMap<>();
		List<Ranked> rows = bind(
				jdbc.sql("select r.id, r.updated_at, " + ISSUED
						+ ", count(*) over () from imaging_report r join imaging_requested_procedure x"
						+ " on x.id = r.requested_procedure_id " + where(query, common) + " order by "
						+ SearchSql.orderBy(query.controls(), COLUMNS, FALLBACK_ORDER) + " limit :limit"),
				query, hidden, common)
			.param("limit", Math.max(1, limit))
			.query((rs,
					n) -> new Ranked(new RankedMatch(ImagingReportId.PREFIX + rs.getLong(1),
							rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()), rs.getInt(4)))
			.list();
		return new RankedMatch.Ranking(rows.stream().map(Ranked::match).toList(),
				rows.isEmpty() ? 0 : rows.get(0).total());
	}

	/** When a report was issued: signed, or last written while preliminary. */
	private static final String ISSUED = "coalesce(r.verified_at, r.updated_at)";

	/** The report table as the parameters every FHIR type has read it. */
	private static final SearchSql.Columns COLUMNS = new SearchSql.Columns("r.id", "r.updated_at", "r.patient_id",
			Map.of("date", ISSUED))
		.withIdPrefix(ImagingReportId.PREFIX)
		.withText("code", "(select p.display from imaging_procedure p where p.code = x.procedure_code)");

	private static final String FALLBACK_ORDER = "r.updated_at desc, r.id desc";

	private static final String SEARCH = """
			where r.status in (:statuses)
			  and (cast(:patient as bigint) is null or r.patient_id = :patient)
			  and r.patient_id <> all(cast(:hidden as bigint[]))
			  and (cast(:code as text) is null or x.procedure_code = :code)
			  and (cast(:procedure as bigint) is null or r.requested_procedure_id = :procedure)
			  and (cast(:from as timestamptz) is null or coalesce(r.verified_at, r.updated_at) >= :from)
			  and (cast(:until as timestamptz) is null or coalesce(r.verified_at, r.updated_at) < :until)
			  and (cast(:updatedFrom as timestamptz) is null or r.updated_at >= :updatedFrom)
			  and (cast(:updatedUntil as timestamptz) is null or r.updated_at < :updatedUntil)
			""";

	private static String where(ImagingReportQuery query, Map<String, Object> common) {
		List<String> conditions = SearchSql.conditions(query.controls(), COLUMNS, common);
		return conditions.isEmpty() ? SEARCH : SEARCH + "  and " + String.join(" and ", conditions) + "\n";
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, ImagingReportQuery query,
			Collection<Long> hidden, Map<String, Object> common) {
		return sql.params(common)
			.param("statuses", query.statuses().stream().map(Enum::name).toList())
			.param("hidden", hidden.toArray(Long[]::new))
			.param("patient", query.patient() == null ? null : query.patient().value())
			.param("code", query.procedureCode())
			.param("procedure", query.requestedProcedure())
			.param("from", timestamp(query.issuedFrom()))
			.param("until", timestamp(query.issuedUntil()))
			.param("updatedFrom", timestamp(query.updatedFrom()))
			.param("updatedUntil", timestamp(query.updatedUntil()));
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	/** A performed procedure: its id and when its last step ended. */
	record Performed(long procedure, Instant endedAt) {
	}

	/**
	 * Completed procedures with no report, the longest done first (the demo reports on
	 * them).
	 */
	List<Performed> performedWithoutReport() {
		return jdbc.sql("""
				select rp.id, max(st.start_at + st.duration_minutes * interval '1 minute') as ended
				from imaging_requested_procedure rp
				join imaging_procedure_step st on st.requested_procedure_id = rp.id
				where rp.status = 'COMPLETED'
				  and not exists (select 1 from imaging_report r where r.requested_procedure_id = rp.id)
				group by rp.id order by ended, rp.id""")
			.query((rs, n) -> new Performed(rs.getLong(1), rs.getTimestamp(2).toInstant()))
			.list();
	}

	/** Signed reports (final or amended) with an id above {@code afterId}, by id. */
	List<ImagingReport> signedAfter(long afterId, int limit) {
		return jdbc.sql(REPORT + " where r.id > ? and r.status in ('FINAL', 'AMENDED') order by r.id limit ?")
			.param(afterId)
			.param(limit)
			.query(ReportRepository::report)
			.list();
	}

	List<ImagingReport> signed(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(REPORT + " where r.id in (:ids) and r.status in ('FINAL', 'AMENDED') order by r.id")
			.param("ids", ids)
			.query(ReportRepository::report)
			.list();
	}

	/** A new report at version 1, or empty when the procedure has one already. */
	Optional<ImagingReportId> insert(ReportedProcedure procedure, ImagingReportStatus status, String findings,
			String impression, String author, Instant now) {
		return jdbc.sql("""
				insert into imaging_report (requested_procedure_id, patient_id, status, findings, impression, author,
				                            verified_by, verified_at, created_at, updated_at)
				values (:rp, :patient, :status, :findings, :impression, :author,
				        case when :signed then :author end, case when :signed then :now::timestamptz end, :now, :now)
				on conflict (requested_procedure_id) do nothing
				returning id""")
			.param("rp", procedure.id())
			.param("patient", procedure.patient().value())
			.param("status", status.name())
			.param("findings", findings)
			.param("impression", impression)
			.param("author", author)
			.param("signed", status.signed())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.optional()
			.map(ImagingReportId::new);
	}

	/**
	 * Writes a new version if the report is still at {@code expectedVersion}; false when
	 * someone wrote in between.
	 */
	boolean update(ImagingReportId id, int expectedVersion, ImagingReportStatus status, String findings,
			String impression, String author, boolean sign, Instant now) {
		return jdbc.sql("""
				update imaging_report set status = :status, findings = :findings, impression = :impression,
				       author = :author,
				       verified_by = case when :sign then :author else verified_by end,
				       verified_at = case when :sign then :now::timestamptz else verified_at end,
				       updated_at = :now, version = version + 1
				where id = :id and version = :expected""")
			.param("status", status.name())
			.param("findings", findings)
			.param("impression", impression)
			.param("author", author)
			.param("sign", sign)
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.param("expected", expectedVersion)
			.update() == 1;
	}

	void insertVersion(ImagingReport report, @Nullable String reason) {
		jdbc.sql(
				"""
						insert into imaging_report_version (report_id, version, status, findings, impression, author, written_at,
						                                    reason)
						values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(report.id().value(), report.version(), report.status().name(), report.findings(),
					report.impression(), report.author(), Timestamp.from(report.updatedAt()), reason)
			.update();
	}

	List<ImagingReportVersion> versions(ImagingReportId id) {
		return jdbc.sql("select * from imaging_report_version where report_id = ? order by version")
			.param(id.value())
			.query((rs, n) -> new ImagingReportVersion(rs.getInt("version"),
					ImagingReportStatus.valueOf(rs.getString("status")), rs.getString("findings"),
					rs.getString("impression"), rs.getString("author"), rs.getTimestamp("written_at").toInstant(),
					rs.getString("reason")))
			.list();
	}

	/** A kept version of a report, named by report, number, time and patient. */
	record VersionKey(ImagingReportId report, int version, Instant writtenAt, PatientId patient) {
	}

	/**
	 * Report versions in {@code statuses}, written at or after {@code since}, newest
	 * first (time, then report and version), leaving out the patients in {@code hidden}.
	 */
	List<VersionKey> versionKeys(@Nullable ImagingReportId id, Collection<ImagingReportStatus> statuses,
			@Nullable Instant since, java.util.Set<Long> hidden, int limit, int offset) {
		return jdbc.sql("select v.report_id, v.version, v.written_at, r.patient_id " + VERSIONS + """
				order by v.written_at desc, v.report_id desc, v.version desc limit :limit offset :offset""")
			.params(versionCriteria(id, statuses, since, hidden))
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> new VersionKey(new ImagingReportId(rs.getLong("report_id")), rs.getInt("version"),
					rs.getTimestamp("written_at").toInstant(), new PatientId(rs.getLong("patient_id"))))
			.list();
	}

	int countVersionKeys(@Nullable ImagingReportId id, Collection<ImagingReportStatus> statuses,
			@Nullable Instant since, java.util.Set<Long> hidden) {
		return jdbc.sql("select count(*) " + VERSIONS)
			.params(versionCriteria(id, statuses, since, hidden))
			.query(Integer.class)
			.single();
	}

	private static final String VERSIONS = """
			from imaging_report_version v join imaging_report r on r.id = v.report_id
			where v.status in (:statuses) and r.patient_id <> all(:hidden)
			  and (cast(:id as bigint) is null or v.report_id = :id)
			  and v.written_at >= coalesce(:since, '-infinity'::timestamptz)
			""";

	private static java.util.Map<String, Object> versionCriteria(@Nullable ImagingReportId id,
			Collection<ImagingReportStatus> statuses, @Nullable Instant since, java.util.Set<Long> hidden) {
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		params.put("id", new SqlParameterValue(java.sql.Types.BIGINT, id == null ? null : id.value()));
		params.put("statuses", statuses.stream().map(Enum::name).toList());
		params.put("hidden", hidden.toArray(Long[]::new));
		params.put("since", new SqlParameterValue(java.sql.Types.TIMESTAMP_WITH_TIMEZONE,
				since == null ? null : since.atOffset(java.time.ZoneOffset.UTC)));
		return params;
	}

	static ReportedProcedure procedure(ResultSet rs, int n) throws SQLException {
		Long pacsStudy = rs.getObject("pacs_study", Long.class);
		Timestamp received = rs.getTimestamp("received_at");
		return new ReportedProcedure(rs.getLong("rp_id"), rs.getLong("order_id"),
				new PatientId(rs.getLong("rp_patient")), rs.getString("accession_number"),
				rs.getString("study_instance_uid"), rs.getString("procedure_code"), rs.getString("coding_scheme"),
				rs.getString("display"), rs.getString("modality"), rs.getString("priority"), rs.getString("rp_status"),
				rs.getTimestamp("rp_updated").toInstant(), pacsStudy, rs.getInt("instance_count"),
				received == null ? null : received.toInstant());
	}

	private static ImagingReport report(ResultSet rs, int n) throws SQLException {
		Timestamp verifiedAt = rs.getTimestamp("verified_at");
		return new ImagingReport(new ImagingReportId(rs.getLong("id")), procedure(rs, n),
				new PatientId(rs.getLong("patient_id")), ImagingReportStatus.valueOf(rs.getString("status")),
				rs.getString("findings"), rs.getString("impression"), rs.getString("author"),
				rs.getString("verified_by"), verifiedAt == null ? null : verifiedAt.toInstant(),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				rs.getInt("version"));
	}

}
