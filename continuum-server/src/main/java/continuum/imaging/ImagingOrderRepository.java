package continuum.imaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders, requested procedures and steps: explicit SQL over the tables of {@code V450}.
 * An order is always read whole (its procedures and their steps).
 */
@Repository
class ImagingOrderRepository {

	private final JdbcClient jdbc;

	private final ImagingCatalogue catalogue;

	ImagingOrderRepository(JdbcClient jdbc, ImagingCatalogue catalogue) {
		this.jdbc = jdbc;
		this.catalogue = catalogue;
	}

	/** The next value of the placer number (orders from the chart) sequence. */
	long nextPlacerNumber() {
		return jdbc.sql("select nextval('imaging_placer_number_seq')").query(Long.class).single();
	}

	/**
	 * The next accession number value; the requested procedure and step ids derive from
	 * it.
	 */
	long nextAccession() {
		return jdbc.sql("select nextval('imaging_accession_seq')").query(Long.class).single();
	}

	boolean placerNumberTaken(String application, String number) {
		return jdbc.sql("select count(*) from imaging_order where placer_application = ? and placer_number = ?")
			.params(application, number)
			.query(Integer.class)
			.single() > 0;
	}

	ImagingOrderId insertOrder(String placerNumber, String placerApplication, PatientId patient,
			ImagingPriority priority, String orderedBy, @Nullable String reason, Instant now) {
		long id = jdbc.sql("""
				insert into imaging_order (placer_number, placer_application, patient_id, priority, status, ordered_by,
				                           reason, ordered_at, updated_at)
				values (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?) returning id""")
			.params(placerNumber, placerApplication, patient.value(), priority.name(), orderedBy, reason,
					Timestamp.from(now), Timestamp.from(now))
			.query(Long.class)
			.single();
		return new ImagingOrderId(id);
	}

	long insertProcedure(ImagingOrderId order, PatientId patient, String code, String accession, String rpId,
			String studyUid, Instant now) {
		return jdbc.sql("""
				insert into imaging_requested_procedure (order_id, patient_id, procedure_code, accession_number,
				       requested_procedure_id, study_instance_uid, status, updated_at)
				values (?, ?, ?, ?, ?, ?, 'SCHEDULED', ?) returning id""")
			.params(order.value(), patient.value(), code, accession, rpId, studyUid, Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	long insertStep(long procedure, PatientId patient, String stepId, String modality, @Nullable String station,
			Instant start, int minutes, @Nullable Long appointment, Instant now) {
		return jdbc.sql("""
				insert into imaging_procedure_step (requested_procedure_id, patient_id, step_id, modality,
				       station_ae_title, station_name, start_at, duration_minutes, status, appointment_id, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, 'SCHEDULED', ?, ?) returning id""")
			.params(procedure, patient.value(), stepId, modality, station, station, Timestamp.from(start), minutes,
					appointment, Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	/** The order, locked for a change when {@code lock}. */
	Optional<ImagingOrder> find(ImagingOrderId id, boolean lock) {
		List<Row> rows = jdbc.sql(ORDER_COLUMNS + " where o.id = ?" + (lock ? " for update" : ""))
			.param(id.value())
			.query(ImagingOrderRepository::row)
			.list();
		return assemble(rows).stream().findFirst();
	}

	List<ImagingOrder> forPatient(PatientId patient, int limit) {
		List<Row> rows = jdbc.sql(ORDER_COLUMNS + """
				 where o.id in (select id from imaging_order where patient_id = ?
				                order by ordered_at desc, id desc limit ?)
				order by o.ordered_at desc, o.id desc""")
			.params(patient.value(), limit)
			.query(ImagingOrderRepository::row)
			.list();
		return assemble(rows);
	}

	Optional<ImagingOrderId> orderOfAccession(String accession) {
		return jdbc.sql("select order_id from imaging_requested_procedure where accession_number = ?")
			.param(accession)
			.query(Long.class)
			.optional()
			.map(ImagingOrderId::new);
	}

	/** The order a requested procedure belongs to. */
	Optional<ImagingOrderId> orderOfProcedure(long procedure) {
		return jdbc.sql("select order_id from imaging_requested_procedure where id = ?")
			.param(procedure)
			.query(Long.class)
			.optional()
			.map(ImagingOrderId::new);
	}

	Optional<ImagingOrderId> orderOfPlacer(String application, String number) {
		return jdbc.sql("select id from imaging_order where placer_application = ? and placer_number = ?")
			.params(application, number)
			.query(Long.class)
			.optional()
			.map(ImagingOrderId::new);
	}

	/** The order a step belongs to. */
	Optional<ImagingOrderId> orderOfStep(long step) {
		return jdbc.sql("""
				select rp.order_id from imaging_procedure_step s
				join imaging_requested_procedure rp on rp.id = s.requested_procedure_id where s.id = ?""")
			.param(step)
			.query(Long.class)
			.optional()
			.map(ImagingOrderId::new);
	}

	Optional<StepStatus> stepStatus(long step) {
		return jdbc.sql("select status from imaging_procedure_step where id = ?")
			.param(step)
			.query(String.class)
			.optional()
			.map(StepStatus::valueOf);
	}

	void setOrderStatus(ImagingOrderId id, ImagingOrderStatus status, @Nullable String cancelledBy,
			@Nullable String reason, Instant now) {
		jdbc.sql("""
				update imaging_order set status = ?, cancelled_by = coalesce(?, cancelled_by),
				       cancel_reason = coalesce(?, cancel_reason), updated_at = ?, version = version + 1
				where id = ?""").params(status.name(), cancelledBy, reason, Timestamp.from(now), id.value()).update();
	}

	void setPriorityAndReason(ImagingOrderId id, ImagingPriority priority, @Nullable String reason, Instant now) {
		jdbc.sql("""
				update imaging_order set priority = ?, reason = ?, updated_at = ?, version = version + 1
				where id = ?""").params(priority.name(), reason, Timestamp.from(now), id.value()).update();
	}

	void setStepStart(long step, Instant start, @Nullable Long appointment, Instant now) {
		jdbc.sql("""
				update imaging_procedure_step set start_at = ?, appointment_id = ?, updated_at = ?,
				       version = version + 1
				where id = ?""").params(Timestamp.from(start), appointment, Timestamp.from(now), step).update();
	}

	void setProcedureStatus(long procedure, ProcedureStatus status, Instant now) {
		jdbc.sql("""
				update imaging_requested_procedure set status = ?, updated_at = ?, version = version + 1
				where id = ?""").params(status.name(), Timestamp.from(now), procedure).update();
	}

	void setStepStatus(long step, StepStatus status, @Nullable String mppsUid, Instant now) {
		jdbc.sql("""
				update imaging_procedure_step set status = ?, mpps_instance_uid = coalesce(?, mpps_instance_uid),
				       updated_at = ?, version = version + 1
				where id = ?""").params(status.name(), mppsUid, Timestamp.from(now), step).update();
	}

	/** A kept version of a requested procedure's ServiceRequest. */
	record RequestVersion(long procedure, int version, PatientId patient, Instant at) {
	}

	private static final String REQUEST_VERSIONS = """
			from imaging_request_version v
			where (cast(:procedure as bigint) is null or v.procedure_id = :procedure)
			  and v.patient_id <> all(:hidden)
			  and v.recorded_at >= coalesce(:since, '-infinity'::timestamptz)
			""";

	/**
	 * The kept versions of one requested procedure or of all, written at or after
	 * {@code since}, newest first (time, then procedure and version), leaving out the
	 * patients in {@code hidden}.
	 */
	List<RequestVersion> requestVersions(@Nullable Long procedure, @Nullable Instant since, java.util.Set<Long> hidden,
			int limit, int offset) {
		return jdbc.sql("select v.procedure_id, v.version, v.patient_id, v.recorded_at " + REQUEST_VERSIONS + """
				order by v.recorded_at desc, v.procedure_id desc, v.version desc limit :limit offset :offset""")
			.params(requestVersionCriteria(procedure, since, hidden))
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> new RequestVersion(rs.getLong("procedure_id"), rs.getInt("version"),
					new PatientId(rs.getLong("patient_id")), rs.getTimestamp("recorded_at").toInstant()))
			.list();
	}

	int countRequestVersions(@Nullable Long procedure, @Nullable Instant since, java.util.Set<Long> hidden) {
		return jdbc.sql("select count(*) " + REQUEST_VERSIONS)
			.params(requestVersionCriteria(procedure, since, hidden))
			.query(Integer.class)
			.single();
	}

	private static Map<String, Object> requestVersionCriteria(@Nullable Long procedure, @Nullable Instant since,
			java.util.Set<Long> hidden) {
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("procedure", new SqlParameterValue(java.sql.Types.BIGINT, procedure));
		params.put("hidden", hidden.toArray(Long[]::new));
		params.put("since", new SqlParameterValue(java.sql.Types.TIMESTAMP_WITH_TIMEZONE,
				since == null ? null : since.atOffset(java.time.ZoneOffset.UTC)));
		return params;
	}

	/**
	 * A requested procedure's ServiceRequest as it stood at one of its kept versions: its
	 * order then, holding that procedure alone.
	 */
	Optional<ImagingRequest> requestVersion(long procedure, int version) {
		List<Row> rows = jdbc.sql("""
				select r.* from imaging_request_version v
				cross join lateral jsonb_populate_recordset(null::imaging_request_row, v.snapshot) r
				where v.procedure_id = ? and v.version = ?""")
			.params(procedure, version)
			.query(ImagingOrderRepository::row)
			.list();
		return assemble(rows).stream().findFirst().map(order -> ImagingRequest.of(order, procedure));
	}

	private static final String ORDER_COLUMNS = """
			select o.id, o.placer_number, o.placer_application, o.patient_id, o.priority, o.status, o.ordered_by,
			       o.reason, o.ordered_at, o.cancelled_by, o.cancel_reason, o.version,
			       rp.id rp_id, rp.procedure_code, rp.accession_number, rp.requested_procedure_id,
			       rp.study_instance_uid, rp.status rp_status, rp.version rp_version, rp.updated_at rp_updated,
			       s.id s_id, s.step_id, s.modality, s.station_ae_title, s.station_name, s.start_at,
			       s.duration_minutes, s.status s_status, s.performing_physician, s.appointment_id,
			       s.mpps_instance_uid, s.version s_version
			from imaging_order o
			join imaging_requested_procedure rp on rp.order_id = o.id
			join imaging_procedure_step s on s.requested_procedure_id = rp.id""";

	/** One row of the join: an order, one of its procedures and one of its steps. */
	private record Row(ImagingOrder order, long procedureId, String code, String accession, String rpId,
			String studyUid, ProcedureStatus procedureStatus, int procedureVersion, Instant procedureUpdated,
			ProcedureStep step) {
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		ImagingOrder order = new ImagingOrder(new ImagingOrderId(rs.getLong("id")), rs.getString("placer_number"),
				rs.getString("placer_application"), new PatientId(rs.getLong("patient_id")),
				ImagingPriority.valueOf(rs.getString("priority")), ImagingOrderStatus.valueOf(rs.getString("status")),
				rs.getString("ordered_by"), rs.getString("reason"), rs.getTimestamp("ordered_at").toInstant(),
				rs.getString("cancelled_by"), rs.getString("cancel_reason"), rs.getInt("version"), List.of());
		ProcedureStep step = new ProcedureStep(rs.getLong("s_id"), rs.getString("step_id"), rs.getString("modality"),
				rs.getString("station_ae_title"), rs.getString("station_name"), rs.getTimestamp("start_at").toInstant(),
				rs.getInt("duration_minutes"), StepStatus.valueOf(rs.getString("s_status")),
				rs.getString("performing_physician"), (Long) rs.getObject("appointment_id", Long.class),
				rs.getString("mpps_instance_uid"), rs.getInt("s_version"));
		return new Row(order, rs.getLong("rp_id"), rs.getString("procedure_code"), rs.getString("accession_number"),
				rs.getString("requested_procedure_id"), rs.getString("study_instance_uid"),
				ProcedureStatus.valueOf(rs.getString("rp_status")), rs.getInt("rp_version"),
				rs.getTimestamp("rp_updated").toInstant(), step);
	}

	/** Orders in the rows' order; procedures by id, steps by id. */
	private List<ImagingOrder> assemble(List<Row> rows) {
		Map<ImagingOrderId, ImagingOrder> orders = new LinkedHashMap<>();
		Map<ImagingOrderId, Map<Long, List<Row>>> byProcedure = new LinkedHashMap<>();
		for (Row row : rows) {
			orders.putIfAbsent(row.order().id(), row.order());
			byProcedure.computeIfAbsent(row.order().id(), k -> new LinkedHashMap<>())
				.computeIfAbsent(row.procedureId(), k -> new ArrayList<>())
				.add(row);
		}
		List<ImagingOrder> assembled = new ArrayList<>();
		orders.forEach((id, order) -> {
			List<RequestedProcedure> procedures = new ArrayList<>();
			byProcedure.get(id).entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
				Row first = e.getValue().get(0);
				List<ProcedureStep> steps = e.getValue()
					.stream()
					.map(Row::step)
					.sorted(java.util.Comparator.comparingLong(ProcedureStep::id))
					.toList();
				ImagingProcedure procedure = catalogue.procedure(first.code())
					.orElseGet(() -> new ImagingProcedure(first.code(), "99CONT", first.code(), steps.get(0).modality(),
							"", steps.get(0).durationMinutes()));
				procedures.add(new RequestedProcedure(first.procedureId(), procedure, first.accession(), first.rpId(),
						first.studyUid(), first.procedureStatus(), first.procedureVersion(), first.procedureUpdated(),
						steps));
			});
			assembled.add(new ImagingOrder(order.id(), order.placerNumber(), order.placerApplication(), order.patient(),
					order.priority(), order.status(), order.orderedBy(), order.reason(), order.orderedAt(),
					order.cancelledBy(), order.cancelReason(), order.version(), procedures));
		});
		return assembled;
	}

}
