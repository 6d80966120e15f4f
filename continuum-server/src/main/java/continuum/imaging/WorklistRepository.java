package continuum.imaging;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The worklist query: steps with their requested procedure and order, in start order,
 * filtered in SQL on every key the RIS tables hold (the indexes on station and start,
 * modality and start serve the usual modality query). Patient names are the patients
 * module's and are matched by {@link ProcedureStepService}.
 */
@Repository
class WorklistRepository {

	/** A step row before its patient is known. */
	record Row(ProcedureStep step, long procedureId, ImagingProcedure procedure, String accession, String rpId,
			String studyUid, ProcedureStatus procedureStatus, ImagingOrderId order, String placerNumber,
			ImagingPriority priority, String orderedBy, @Nullable String reason, java.time.Instant orderedAt,
			PatientId patient) {
	}

	private final JdbcClient jdbc;

	private final ImagingCatalogue catalogue;

	WorklistRepository(JdbcClient jdbc, ImagingCatalogue catalogue) {
		this.jdbc = jdbc;
		this.catalogue = catalogue;
	}

	List<Row> find(WorklistQuery query, @Nullable Set<PatientId> patients, int limit) {
		StringBuilder sql = new StringBuilder("""
				select s.id s_id, s.step_id, s.modality, s.station_ae_title, s.station_name, s.start_at,
				       s.duration_minutes, s.status s_status, s.performing_physician, s.appointment_id,
				       s.mpps_instance_uid, s.version s_version, s.patient_id,
				       rp.id rp_id, rp.procedure_code, rp.accession_number, rp.requested_procedure_id,
				       rp.study_instance_uid, rp.status rp_status,
				       o.id o_id, o.placer_number, o.priority, o.ordered_by, o.reason, o.ordered_at
				from imaging_procedure_step s
				join imaging_requested_procedure rp on rp.id = s.requested_procedure_id
				join imaging_order o on o.id = rp.order_id
				where s.status = any(?)""");
		List<Object> params = new ArrayList<>();
		params.add(query.statuses().stream().map(Enum::name).toArray(String[]::new));
		condition(sql, params, "s.station_ae_title = ?", query.stationAeTitle());
		condition(sql, params, "s.modality = ?", query.modality());
		condition(sql, params, "s.start_at >= ?", query.from() == null ? null : Timestamp.from(query.from()));
		condition(sql, params, "s.start_at < ?", query.to() == null ? null : Timestamp.from(query.to()));
		condition(sql, params, "rp.accession_number = ?", query.accessionNumber());
		condition(sql, params, "rp.requested_procedure_id = ?", query.requestedProcedureId());
		condition(sql, params, "s.step_id = ?", query.stepId());
		condition(sql, params, "rp.study_instance_uid = ?", query.studyInstanceUid());
		if (patients != null) {
			condition(sql, params, "s.patient_id = any(?)",
					patients.stream().map(PatientId::value).toArray(Long[]::new));
		}
		sql.append(" order by s.start_at, s.id limit ?");
		params.add(limit);
		return jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
			ProcedureStep step = new ProcedureStep(rs.getLong("s_id"), rs.getString("step_id"),
					rs.getString("modality"), rs.getString("station_ae_title"), rs.getString("station_name"),
					rs.getTimestamp("start_at").toInstant(), rs.getInt("duration_minutes"),
					StepStatus.valueOf(rs.getString("s_status")), rs.getString("performing_physician"),
					(Long) rs.getObject("appointment_id", Long.class), rs.getString("mpps_instance_uid"),
					rs.getInt("s_version"));
			String code = rs.getString("procedure_code");
			ImagingProcedure procedure = catalogue.procedure(code)
				.orElseGet(
						() -> new ImagingProcedure(code, "99CONT", code, step.modality(), "", step.durationMinutes()));
			return new Row(step, rs.getLong("rp_id"), procedure, rs.getString("accession_number"),
					rs.getString("requested_procedure_id"), rs.getString("study_instance_uid"),
					ProcedureStatus.valueOf(rs.getString("rp_status")), new ImagingOrderId(rs.getLong("o_id")),
					rs.getString("placer_number"), ImagingPriority.valueOf(rs.getString("priority")),
					rs.getString("ordered_by"), rs.getString("reason"), rs.getTimestamp("ordered_at").toInstant(),
					new PatientId(rs.getLong("patient_id")));
		}).list();
	}

	private static void condition(StringBuilder sql, List<Object> params, String clause, @Nullable Object value) {
		if (value != null) {
			sql.append(" and ").append(clause);
			params.add(value);
		}
	}

}
