package continuum.continuity.impact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import continuum.patients.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored impact of each incident, and the reschedulings started from it. */
@Repository
class ImpactRepository {

	private final JdbcClient jdbc;

	ImpactRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Replaces the incident's stored impact by this one. */
	void replace(ImpactReport report) {
		jdbc.sql("delete from continuity_impact where incident_id = :id").param("id", report.incidentId()).update();
		jdbc.sql("""
				insert into continuity_impact (incident_id, window_start, window_end, components, computed_at,
				                               computed_by, appointments, late_arrivals, messages)
				values (:id, :start, :end, :components, :at, :by, :appointments, :late, :messages)""")
			.param("id", report.incidentId())
			.param("start", Timestamp.from(report.windowStart()))
			.param("end", Timestamp.from(report.windowEnd()))
			.param("components", String.join(",", report.components()))
			.param("at", Timestamp.from(report.computedAt()))
			.param("by", report.computedBy())
			.param("appointments", report.appointments())
			.param("late", report.lateArrivals())
			.param("messages", report.messages())
			.update();
		List<ImpactItem> items = report.items();
		if (items.isEmpty()) {
			return;
		}
		jdbc.sql(
				"""
						insert into continuity_impact_item (incident_id, kind, reference, patient_id, at, detail)
						select :id, u.kind, u.reference, u.patient, u.at, u.detail
						from unnest(cast(:kinds as varchar[]), cast(:references as varchar[]), cast(:patients as bigint[]),
						            cast(:ats as timestamptz[]), cast(:details as varchar[])) as u(kind, reference, patient, at, detail)
						on conflict do nothing""")
			.param("id", report.incidentId())
			.param("kinds", items.stream().map(i -> i.kind().name()).toArray(String[]::new))
			.param("references", items.stream().map(ImpactItem::reference).toArray(String[]::new))
			.param("patients", items.stream().map(i -> i.patient().value()).toArray(Long[]::new))
			.param("ats", items.stream().map(i -> Timestamp.from(i.at())).toArray(Timestamp[]::new))
			.param("details", items.stream().map(ImpactItem::detail).toArray(String[]::new))
			.update();
	}

	Optional<ImpactReport> find(long incidentId) {
		List<ImpactItem> items = jdbc.sql("""
				select kind, reference, patient_id, at, detail from continuity_impact_item
				where incident_id = :id order by kind, at, reference""")
			.param("id", incidentId)
			.query((rs, n) -> new ImpactItem(ImpactItem.Kind.valueOf(rs.getString("kind")), rs.getString("reference"),
					new PatientId(rs.getLong("patient_id")), rs.getTimestamp("at").toInstant(), rs.getString("detail")))
			.list();
		return jdbc.sql("select * from continuity_impact where incident_id = :id")
			.param("id", incidentId)
			.query((rs, n) -> report(rs, items))
			.optional();
	}

	/** The reschedulings started from the incident, oldest first. */
	List<Long> batches(long incidentId) {
		return jdbc.sql("select batch_id from continuity_impact_batch where incident_id = :id order by batch_id")
			.param("id", incidentId)
			.query(Long.class)
			.list();
	}

	/**
	 * Takes the incident's rescheduling action, once: answers false when it was already
	 * taken (the row lock of the first taker holds a second one until it commits).
	 */
	boolean claimRescheduling(long incidentId) {
		return jdbc.sql("""
				select 1 from continuity_impact where incident_id = :id for update""")
			.param("id", incidentId)
			.query(Integer.class)
			.optional()
			.isPresent() && batches(incidentId).isEmpty();
	}

	void recordBatch(long incidentId, long batchId, String by, Instant at) {
		jdbc.sql("""
				insert into continuity_impact_batch (incident_id, batch_id, created_by, created_at)
				values (:incident, :batch, :by, :at)""")
			.param("incident", incidentId)
			.param("batch", batchId)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update();
	}

	private static ImpactReport report(ResultSet rs, List<ImpactItem> items) throws SQLException {
		String components = rs.getString("components");
		return new ImpactReport(rs.getLong("incident_id"), rs.getTimestamp("window_start").toInstant(),
				rs.getTimestamp("window_end").toInstant(),
				components.isEmpty() ? List.of() : Arrays.asList(components.split(",")),
				rs.getTimestamp("computed_at").toInstant(), rs.getString("computed_by"), rs.getInt("appointments"),
				rs.getInt("late_arrivals"), rs.getInt("messages"), items);
	}

}
