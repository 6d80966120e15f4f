package continuum.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import continuum.patients.PatientId;
import continuum.fhir.SearchSql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AppointmentRepository {

	/** An appointment row without its participants. */
	record Row(AppointmentId id, PatientId patient, AppointmentType type, AppointmentStatus status, Instant start,
			Instant end, boolean overbooked, @Nullable String comment, String bookedBy,
			Appointment.@Nullable Cancellation cancellation, @Nullable AppointmentId replaces,
			@Nullable AppointmentId replacedBy, Instant created, int version, Instant updatedAt) {

		Appointment with(List<Appointment.Participant> participants) {
			return new Appointment(id, patient, type, status, start, end, overbooked, comment, bookedBy, cancellation,
					replaces, replacedBy, participants, created, version, updatedAt);
		}

	}

	private final JdbcClient jdbc;

	AppointmentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	AppointmentId insert(PatientId patient, AppointmentType type, Instant start, Instant end, boolean overbooked,
			@Nullable String comment, String bookedBy, @Nullable AppointmentId replaces, Instant now) {
		return new AppointmentId(jdbc.sql("""
				insert into sched_appointment (patient_id, appointment_type, status, starts_at, ends_at, overbooked,
				                               comment, booked_by, replaces, created_at, updated_at)
				values (:patient, :type, 'BOOKED', :start, :end, :overbooked, :comment, :by, :replaces, :now, :now)
				returning id""")
			.param("patient", patient.value())
			.param("type", type.name())
			.param("start", Timestamp.from(start))
			.param("end", Timestamp.from(end))
			.param("overbooked", overbooked)
			.param("comment", comment)
			.param("by", bookedBy)
			.param("replaces", replaces == null ? null : replaces.value())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single());
	}

	/** Keeps the row as it now is as its current version (for vread and history). */
	void recordVersion(AppointmentId id) {
		jdbc.sql("""
				insert into sched_appointment_version (appointment_id, version, snapshot, recorded_at)
				select a.id, a.version, to_jsonb(a), a.updated_at from sched_appointment a where a.id = :id""")
			.param("id", id.value())
			.update();
	}

	/** One version as it was written. */
	Optional<Row> version(AppointmentId id, int version) {
		return jdbc.sql("""
				select (jsonb_populate_record(null::sched_appointment, v.snapshot)).*
				from sched_appointment_version v where v.appointment_id = :id and v.version = :version""")
			.param("id", id.value())
			.param("version", version)
			.query((rs, n) -> row(rs))
			.optional();
	}

	/**
	 * One page of every appointment's versions written at or after {@code since}, newest
	 * first, leaving out the patients in {@code hidden} (FHIR type-level _history).
	 */
	List<Row> versions(@Nullable Instant since, Set<Long> hidden, int limit, int offset) {
		return jdbc.sql("""
				select (jsonb_populate_record(null::sched_appointment, v.snapshot)).*
				from sched_appointment_version v
				where (v.snapshot ->> 'patient_id')::bigint <> all(:hidden)
				  and v.recorded_at >= coalesce(:since, '-infinity'::timestamptz)
				order by v.recorded_at desc, v.appointment_id desc, v.version desc limit :limit offset :offset""")
			.param("hidden", hidden.toArray(Long[]::new))
			.param("since", since == null ? null : since.atOffset(java.time.ZoneOffset.UTC),
					java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> row(rs))
			.list();
	}

	int countVersions(@Nullable Instant since, Set<Long> hidden) {
		return jdbc.sql("""
				select count(*) from sched_appointment_version v
				where (v.snapshot ->> 'patient_id')::bigint <> all(:hidden)
				  and v.recorded_at >= coalesce(:since, '-infinity'::timestamptz)""")
			.param("hidden", hidden.toArray(Long[]::new))
			.param("since", since == null ? null : since.atOffset(java.time.ZoneOffset.UTC),
					java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.query(Integer.class)
			.single();
	}

	/** Every version, newest first. */
	List<Row> versions(AppointmentId id) {
		return jdbc.sql("""
				select (jsonb_populate_record(null::sched_appointment, v.snapshot)).*
				from sched_appointment_version v where v.appointment_id = :id order by v.version desc""")
			.param("id", id.value())
			.query((rs, n) -> row(rs))
			.list();
	}

	/**
	 * Links the appointment to its slots. The unique index on active, non-overbooking
	 * bookings refuses a second booking of a slot here, whatever the checks before said.
	 */
	void book(AppointmentId appointment, List<Slot> slots, boolean overbook) {
		for (Slot slot : slots) {
			jdbc.sql("""
					insert into sched_booking (appointment_id, slot_id, schedule_id, overbook)
					values (:appointment, :slot, :schedule, :overbook)""")
				.param("appointment", appointment.value())
				.param("slot", slot.id().value())
				.param("schedule", slot.schedule().value())
				.param("overbook", overbook && slot.status() == SlotStatus.BUSY)
				.update();
		}
	}

	void releaseBookings(AppointmentId appointment) {
		jdbc.sql("update sched_booking set active = false where appointment_id = :id")
			.param("id", appointment.value())
			.update();
	}

	/** Appointments with an id above {@code afterId}, in id order (keyset paging). */
	List<Row> after(long afterId, int limit) {
		return jdbc.sql("select * from sched_appointment where id > :after order by id limit :limit")
			.param("after", afterId)
			.param("limit", limit)
			.query((rs, n) -> row(rs))
			.list();
	}

	/** Every appointment of these patients, any status, by patient and id. */
	List<Row> ofPatients(Collection<Long> patients) {
		return jdbc
			.sql("select * from sched_appointment where patient_id = any(cast(:patients as bigint[]))"
					+ " order by patient_id, id")
			.param("patients", patients.toArray(Long[]::new))
			.query((rs, n) -> row(rs))
			.list();
	}

	/** The appointments with these ids, in id order. */
	List<Row> withIds(Collection<Long> ids) {
		return jdbc.sql("select * from sched_appointment where id = any(cast(:ids as bigint[])) order by id")
			.param("ids", ids.toArray(Long[]::new))
			.query((rs, n) -> row(rs))
			.list();
	}

	Optional<Row> find(AppointmentId id) {
		return jdbc.sql("select * from sched_appointment where id = :id")
			.param("id", id.value())
			.query((rs, n) -> row(rs))
			.optional();
	}

	/**
	 * Arrived or fulfilled appointments starting in {@code [from, to)} whose first
	 * version in either state was written at or after {@code recordedFrom}.
	 */
	List<LateArrival> arrivalsRecordedFrom(Instant from, Instant to, Instant recordedFrom, int limit) {
		return jdbc.sql("""
				select a.id, a.patient_id, a.starts_at, min(v.recorded_at) as recorded_at
				from sched_appointment a
				join sched_appointment_version v on v.appointment_id = a.id
				where a.starts_at >= :from and a.starts_at < :to and a.status in ('ARRIVED', 'FULFILLED')
				  and v.snapshot ->> 'status' in ('ARRIVED', 'FULFILLED')
				group by a.id, a.patient_id, a.starts_at
				having min(v.recorded_at) >= :recordedFrom
				order by a.starts_at, a.id
				limit :limit""")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("recordedFrom", Timestamp.from(recordedFrom))
			.param("limit", limit)
			.query((rs, n) -> new LateArrival(new AppointmentId(rs.getLong("id")),
					new PatientId(rs.getLong("patient_id")), rs.getTimestamp("starts_at").toInstant(),
					rs.getTimestamp("recorded_at").toInstant()))
			.list();
	}

	/** A booked appointment whose time is over, as the no-show job reads it. */
	record Overdue(AppointmentId id, Instant start, Instant end) {
	}

	/**
	 * Booked appointments that ended in {@code [from, to)}, in order of end and id, after
	 * the one given (keyset paging). Appointments last less than a day, so the start
	 * index bounds the scan.
	 */
	List<Overdue> overdueBooked(Instant from, Instant to, @Nullable Overdue after, int limit) {
		return jdbc.sql("""
				select id, starts_at, ends_at from sched_appointment
				where status = 'BOOKED' and starts_at >= :earliestStart and starts_at < :to
				  and ends_at >= :from and ends_at < :to
				  and (ends_at, id) > (:afterEnd, :afterId)
				order by ends_at, id
				limit :limit""")
			.param("earliestStart", Timestamp.from(from.minus(Duration.ofDays(1))))
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("afterEnd", Timestamp.from(after == null ? from : after.end()))
			.param("afterId", after == null ? 0L : after.id().value())
			.param("limit", limit)
			.query((rs, n) -> new Overdue(new AppointmentId(rs.getLong("id")), rs.getTimestamp("starts_at").toInstant(),
					rs.getTimestamp("ends_at").toInstant()))
			.list();
	}

	Optional<Row> lock(AppointmentId id) {
		return jdbc.sql("select * from sched_appointment where id = :id for update")
			.param("id", id.value())
			.query((rs, n) -> row(rs))
			.optional();
	}

	void setStatus(AppointmentId id, AppointmentStatus status, Instant now) {
		jdbc.sql("""
				update sched_appointment set status = :status, version = version + 1, updated_at = :now
				where id = :id""")
			.param("id", id.value())
			.param("status", status.name())
			.param("now", Timestamp.from(now))
			.update();
	}

	void cancel(AppointmentId id, String reason, String by, @Nullable AppointmentId replacedBy, Instant now) {
		jdbc.sql("""
				update sched_appointment set status = 'CANCELLED', cancel_reason = :reason, cancelled_by = :by,
				       cancelled_at = :now, replaced_by = :replacedBy, version = version + 1, updated_at = :now
				where id = :id""")
			.param("id", id.value())
			.param("reason", reason)
			.param("by", by)
			.param("replacedBy", replacedBy == null ? null : replacedBy.value())
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * The resources each appointment holds (or held, when cancelled), by schedule name.
	 */
	Map<AppointmentId, List<Appointment.Participant>> participants(Collection<AppointmentId> ids) {
		Map<AppointmentId, List<Appointment.Participant>> result = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return result;
		}
		jdbc.sql("""
				select b.appointment_id, b.slot_id, b.schedule_id, s.actor_kind, s.actor_reference, s.name
				from sched_booking b join sched_schedule s on s.id = b.schedule_id
				where b.appointment_id in (:ids) order by b.appointment_id, s.actor_kind, b.slot_id""")
			.param("ids", ids.stream().map(AppointmentId::value).toList())
			.query(rs -> {
				result.computeIfAbsent(new AppointmentId(rs.getLong(1)), k -> new ArrayList<>())
					.add(new Appointment.Participant(new SlotId(rs.getLong(2)), new ScheduleId(rs.getLong(3)),
							ActorKind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6)));
			});
		return result;
	}

	/**
	 * One page of the matches, leaving out the patients in {@code hidden} (restricted
	 * records the caller may not open).
	 */
	List<Row> search(AppointmentQuery query, Collection<Long> hidden, int limit, int offset) {
		Criteria criteria = criteria(query, hidden);
		return criteria
			.bind(jdbc.sql("select a.* from sched_appointment a where " + criteria.sql + " order by "
					+ SearchSql.orderBy(query.controls(), COLUMNS, "a.starts_at, a.id")
					+ " limit :limit offset :offset"))
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> row(rs))
			.list();
	}

	int count(AppointmentQuery query, Collection<Long> hidden) {
		Criteria criteria = criteria(query, hidden);
		return criteria.bind(jdbc.sql("select count(*) from sched_appointment a where " + criteria.sql))
			.query(Integer.class)
			.single();
	}

	private static Criteria criteria(AppointmentQuery query, Collection<Long> hidden) {
		List<String> terms = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		terms.add("true");
		if (!hidden.isEmpty()) {
			terms.add("a.patient_id <> all(cast(:hidden as bigint[]))");
			params.put("hidden", hidden.toArray(Long[]::new));
		}
		if (query.patient() != null) {
			terms.add("a.patient_id = :patient");
			params.put("patient", query.patient().value());
		}
		if (!query.statuses().isEmpty()) {
			terms.add("a.status in (:statuses)");
			params.put("statuses", query.statuses().stream().map(Enum::name).toList());
		}
		if (query.from() != null) {
			terms.add("a.starts_at >= :from");
			params.put("from", Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			terms.add("a.starts_at < :to");
			params.put("to", Timestamp.from(query.to()));
		}
		if (query.schedule() != null) {
			terms.add(
					"exists (select 1 from sched_booking b where b.appointment_id = a.id and b.schedule_id = :schedule)");
			params.put("schedule", query.schedule().value());
		}
		if (query.actor() != null) {
			terms.add("""
					exists (select 1 from sched_booking b join sched_schedule s on s.id = b.schedule_id
					        where b.appointment_id = a.id and s.actor_reference = :actor)""");
			params.put("actor", query.actor());
		}
		if (query.department() != null) {
			terms.add("""
					exists (select 1 from sched_booking b join sched_schedule s on s.id = b.schedule_id
					        where b.appointment_id = a.id and s.department = :department)""");
			params.put("department", query.department());
		}
		terms.addAll(SearchSql.conditions(query.controls(), COLUMNS, params));
		return new Criteria(String.join(" and ", terms), params);
	}

	/** The appointment table as the parameters every FHIR type has read it. */
	private static final SearchSql.Columns COLUMNS = new SearchSql.Columns("a.id", "a.updated_at", "a.patient_id",
			Map.of("date", "a.starts_at"));

	private record Criteria(String sql, Map<String, Object> params) {

		JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
			return spec.params(params);
		}

	}

	private static Row row(ResultSet rs) throws SQLException {
		Timestamp cancelledAt = rs.getTimestamp("cancelled_at");
		long replaces = rs.getLong("replaces");
		boolean hasReplaces = !rs.wasNull();
		long replacedBy = rs.getLong("replaced_by");
		boolean hasReplacedBy = !rs.wasNull();
		return new Row(new AppointmentId(rs.getLong("id")), new PatientId(rs.getLong("patient_id")),
				AppointmentType.valueOf(rs.getString("appointment_type")),
				AppointmentStatus.valueOf(rs.getString("status")), rs.getTimestamp("starts_at").toInstant(),
				rs.getTimestamp("ends_at").toInstant(), rs.getBoolean("overbooked"), rs.getString("comment"),
				rs.getString("booked_by"),
				cancelledAt == null ? null
						: new Appointment.Cancellation(rs.getString("cancel_reason"), rs.getString("cancelled_by"),
								cancelledAt.toInstant()),
				hasReplaces ? new AppointmentId(replaces) : null, hasReplacedBy ? new AppointmentId(replacedBy) : null,
				rs.getTimestamp("created_at").toInstant(), rs.getInt("version"),
				rs.getTimestamp("updated_at").toInstant());
	}

	/**
	 * The patients among {@code patients} with an appointment not cancelled that ends at
	 * or after {@code since}, on a schedule of {@code actor} or of {@code department}
	 * (case ignored).
	 */
	java.util.Set<Long> withAppointments(java.util.Collection<Long> patients, @Nullable String actor,
			@Nullable String department, Instant since) {
		return new java.util.HashSet<>(jdbc.sql("""
				select distinct a.patient_id from sched_appointment a
				join sched_booking b on b.appointment_id = a.id
				join sched_schedule s on s.id = b.schedule_id
				where a.patient_id = any(cast(:patients as bigint[])) and a.status <> 'CANCELLED'
				  and a.ends_at >= :since
				  and (s.actor_reference = :actor or lower(s.department) = lower(:department))""")
			.param("patients", patients.toArray(Long[]::new))
			.param("actor", actor)
			.param("department", department)
			.param("since", Timestamp.from(since))
			.query(Long.class)
			.list());
	}

}
