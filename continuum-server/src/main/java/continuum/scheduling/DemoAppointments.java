package continuum.scheduling;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.changes.StatementChange;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes the demo hospital's appointments in a few statements (ids drawn from the
 * identity sequence first, then one multi-row insert per table), so that three months of
 * appointments seed in about a second. Used only by {@link SchedulingDemoData}.
 */
@Repository
class DemoAppointments {

	/** One demo appointment on its slots. */
	record Planned(PatientId patient, AppointmentType type, List<Slot> slots, AppointmentStatus status, Instant created,
			@Nullable String cancelReason) {
	}

	private final JdbcClient jdbc;

	private final ChangeFeed changes;

	DemoAppointments(JdbcClient jdbc, ChangeFeed changes) {
		this.jdbc = jdbc;
		this.changes = changes;
	}

	/** Inserts the appointments and their bookings; returns their ids in order. */
	List<AppointmentId> insert(List<Planned> planned, Instant now) {
		if (planned.isEmpty()) {
			return List.of();
		}
		List<Long> ids = jdbc.sql("""
				select nextval(pg_get_serial_sequence('sched_appointment', 'id')) from generate_series(1, :n)""")
			.param("n", planned.size())
			.query(Long.class)
			.list();
		int n = planned.size();
		String[][] columns = new String[10][n];
		List<String[]> bookings = new ArrayList<>();
		List<Long> busy = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			Planned p = planned.get(i);
			Slot first = p.slots().get(0);
			boolean cancelled = p.status() == AppointmentStatus.CANCELLED;
			columns[0][i] = Long.toString(ids.get(i));
			columns[1][i] = p.patient().asString();
			columns[2][i] = p.type().name();
			columns[3][i] = p.status().name();
			columns[4][i] = first.start().toString();
			columns[5][i] = first.end().toString();
			columns[6][i] = p.created().toString();
			columns[7][i] = cancelled ? p.cancelReason() : null;
			columns[8][i] = cancelled ? "scheduler" : null;
			columns[9][i] = p.status() == AppointmentStatus.BOOKED ? "1" : "2";
			for (Slot slot : p.slots()) {
				bookings.add(new String[] { columns[0][i], slot.id().asString(), slot.schedule().asString(),
						Boolean.toString(!cancelled) });
				if (!cancelled) {
					busy.add(slot.id().value());
				}
			}
		}
		jdbc.sql(
				"""
						insert into sched_appointment (id, patient_id, appointment_type, status, starts_at, ends_at, booked_by,
						                               cancel_reason, cancelled_by, cancelled_at, created_at, version, updated_at)
						overriding system value
						select u.id, u.patient, u.type, u.status, u.starts_at, u.ends_at, 'scheduler', u.reason, u.cancelled_by,
						       case when u.reason is null then null else u.created end, u.created, u.version, :now
						from unnest(cast(:ids as bigint[]), cast(:patients as bigint[]), cast(:types as varchar[]),
						            cast(:statuses as varchar[]), cast(:starts as timestamptz[]), cast(:ends as timestamptz[]),
						            cast(:created as timestamptz[]), cast(:reasons as varchar[]), cast(:by as varchar[]),
						            cast(:versions as int[]))
						     as u(id, patient, type, status, starts_at, ends_at, created, reason, cancelled_by, version)""")
			.param("ids", columns[0])
			.param("patients", columns[1])
			.param("types", columns[2])
			.param("statuses", columns[3])
			.param("starts", columns[4])
			.param("ends", columns[5])
			.param("created", columns[6])
			.param("reasons", columns[7])
			.param("by", columns[8])
			.param("versions", columns[9])
			.param("now", Timestamp.from(now))
			.update();
		jdbc.sql("""
				insert into sched_booking (appointment_id, slot_id, schedule_id, active)
				select u.a, u.s, u.k, u.active
				from unnest(cast(:appointments as bigint[]), cast(:slots as bigint[]), cast(:schedules as bigint[]),
				            cast(:active as boolean[])) as u(a, s, k, active)""")
			.param("appointments", bookings.stream().map(b -> b[0]).toArray(String[]::new))
			.param("slots", bookings.stream().map(b -> b[1]).toArray(String[]::new))
			.param("schedules", bookings.stream().map(b -> b[2]).toArray(String[]::new))
			.param("active", bookings.stream().map(b -> b[3]).toArray(String[]::new))
			.update();
		// The booked slots change like any slot (SlotRepository): in the feed, from the
		// same statement.
		StatementChange change = changes.inStatement(SlotRepository.SLOT, ChangeOperation.UPDATE);
		change.bind(jdbc.sql("""
				with changed as (
				  update sched_slot set status = 'BUSY', version = version + 1, updated_at = :now
				  where id = any(cast(:ids as bigint[])) returning id),
				""" + change.cteForEachWithoutPatient("changed", "id") + " select count(*) from changed"))
			.param("ids", busy.stream().map(String::valueOf).toArray(String[]::new))
			.param("now", Timestamp.from(now))
			.query(Integer.class)
			.single();
		change.afterStatement();
		// Demo appointments keep their current version only.
		jdbc.sql("""
				insert into sched_appointment_version (appointment_id, version, snapshot, recorded_at)
				select a.id, a.version, to_jsonb(a), a.updated_at from sched_appointment a
				where a.id = any(cast(:ids as bigint[]))""").param("ids", columns[0]).update();
		return ids.stream().map(AppointmentId::new).toList();
	}

}
