package continuum.scheduling;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.fhir.SearchControls;
import continuum.fhir.SearchSql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ScheduleRepository {

	private final JdbcClient jdbc;

	ScheduleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ScheduleId insert(NewSchedule schedule, ZoneId zone, PlanningHorizon horizon, Instant now) {
		return new ScheduleId(jdbc.sql("""
				insert into sched_schedule (name, actor_kind, actor_reference, department, zone, planning_start,
				    planning_end, updated_at)
				values (:name, :kind, :actor, :department, :zone, :planningStart, :planningEnd, :now) returning id""")
			.param("name", schedule.name())
			.param("kind", schedule.actorKind().name())
			.param("actor", schedule.actorReference())
			.param("department", schedule.department())
			.param("zone", zone.getId())
			.param("planningStart", timestamp(horizon.start()))
			.param("planningEnd", timestamp(horizon.end()))
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single());
	}

	/** Schedules with an id above {@code afterId}, in id order (keyset paging). */
	List<Schedule> after(long afterId, int limit) {
		return jdbc.sql("select * from sched_schedule where id > :after order by id limit :limit")
			.param("after", afterId)
			.param("limit", limit)
			.query((rs, n) -> schedule(rs))
			.list();
	}

	/** The schedules with these ids, in id order. */
	List<Schedule> withIds(Collection<Long> ids) {
		return jdbc.sql("select * from sched_schedule where id = any(cast(:ids as bigint[])) order by id")
			.param("ids", ids.toArray(Long[]::new))
			.query((rs, n) -> schedule(rs))
			.list();
	}

	Optional<Schedule> find(ScheduleId id) {
		return jdbc.sql("select * from sched_schedule where id = :id")
			.param("id", id.value())
			.query((rs, n) -> schedule(rs))
			.optional();
	}

	/**
	 * Reads and locks the schedule, so that template changes and generation serialize.
	 */
	Optional<Schedule> lock(ScheduleId id) {
		return jdbc.sql("select * from sched_schedule where id = :id for update")
			.param("id", id.value())
			.query((rs, n) -> schedule(rs))
			.optional();
	}

	/** The schedule table as the parameters every FHIR type has read it. */
	private static final SearchSql.Columns COLUMNS = new SearchSql.Columns("id", "updated_at", null, Map.of());

	private static final String WHERE = """
			where (cast(:department as varchar) is null or department = :department)
			  and (cast(:actor as varchar) is null or actor_reference = :actor)
			  and (cast(:active as boolean) is null or active = :active)
			""";

	List<Schedule> search(@Nullable String department, @Nullable String actor, @Nullable Boolean active,
			SearchControls controls, int limit, int offset) {
		Map<String, Object> common = new HashMap<>();
		String where = where(controls, common);
		return jdbc
			.sql("select * from sched_schedule " + where + " order by "
					+ SearchSql.orderBy(controls, COLUMNS, "department, name, id") + " limit :limit offset :offset")
			.params(common)
			.param("department", department)
			.param("actor", actor)
			.param("active", active)
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> schedule(rs))
			.list();
	}

	int count(@Nullable String department, @Nullable String actor, @Nullable Boolean active, SearchControls controls) {
		Map<String, Object> common = new HashMap<>();
		return jdbc.sql("select count(*) from sched_schedule " + where(controls, common))
			.params(common)
			.param("department", department)
			.param("actor", actor)
			.param("active", active)
			.query(Integer.class)
			.single();
	}

	private static String where(SearchControls controls, Map<String, Object> common) {
		List<String> conditions = SearchSql.conditions(controls, COLUMNS, common);
		return conditions.isEmpty() ? WHERE : WHERE + "  and " + String.join(" and ", conditions) + "\n";
	}

	void update(ScheduleId id, String name, String department, boolean active, PlanningHorizon horizon, Instant now) {
		jdbc.sql("""
				update sched_schedule set name = :name, department = :department, active = :active,
				       planning_start = :planningStart, planning_end = :planningEnd,
				       version = version + 1, updated_at = :now where id = :id""")
			.param("id", id.value())
			.param("name", name)
			.param("department", department)
			.param("active", active)
			.param("planningStart", timestamp(horizon.start()))
			.param("planningEnd", timestamp(horizon.end()))
			.param("now", Timestamp.from(now))
			.update();
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	void generatedUntil(ScheduleId id, LocalDate until) {
		jdbc.sql("update sched_schedule set generated_until = :until where id = :id")
			.param("id", id.value())
			.param("until", Date.valueOf(until))
			.update();
	}

	List<ScheduleId> active() {
		return jdbc.sql("select id from sched_schedule where active order by id")
			.query((rs, n) -> new ScheduleId(rs.getLong(1)))
			.list();
	}

	List<TemplateLine> template(ScheduleId id) {
		return jdbc.sql("""
				select weekday, opens, closes, appointment_type, slot_minutes from sched_template_line
				where schedule_id = :id order by weekday, opens""")
			.param("id", id.value())
			.query((rs, n) -> new TemplateLine(DayOfWeek.of(rs.getInt("weekday")), rs.getTime("opens").toLocalTime(),
					rs.getTime("closes").toLocalTime(), AppointmentType.valueOf(rs.getString("appointment_type")),
					rs.getInt("slot_minutes")))
			.list();
	}

	void replaceTemplate(ScheduleId id, List<TemplateLine> lines) {
		jdbc.sql("delete from sched_template_line where schedule_id = :id").param("id", id.value()).update();
		for (TemplateLine line : lines) {
			jdbc.sql(
					"""
							insert into sched_template_line (schedule_id, weekday, opens, closes, appointment_type, slot_minutes)
							values (:id, :weekday, :opens, :closes, :type, :minutes)""")
				.param("id", id.value())
				.param("weekday", line.weekday().getValue())
				.param("opens", Time.valueOf(line.opens()))
				.param("closes", Time.valueOf(line.closes()))
				.param("type", line.type().name())
				.param("minutes", line.slotMinutes())
				.update();
		}
	}

	long insertException(ScheduleId id, Instant start, Instant end, String reason, String by, Instant now) {
		return jdbc.sql("""
				insert into sched_exception (schedule_id, starts_at, ends_at, reason, created_by, created_at)
				values (:id, :start, :end, :reason, :by, :now) returning id""")
			.param("id", id.value())
			.param("start", Timestamp.from(start))
			.param("end", Timestamp.from(end))
			.param("reason", reason)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	/** Exceptions of the schedule overlapping {@code [from, to)}. */
	List<SlotGenerator.Closed> closed(ScheduleId id, Instant from, Instant to) {
		return jdbc.sql("""
				select starts_at, ends_at from sched_exception
				where schedule_id = :id and starts_at < :to and ends_at > :from""")
			.param("id", id.value())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, n) -> new SlotGenerator.Closed(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()))
			.list();
	}

	static Schedule schedule(ResultSet rs) throws SQLException {
		Date until = rs.getDate("generated_until");
		return new Schedule(new ScheduleId(rs.getLong("id")), rs.getString("name"),
				ActorKind.valueOf(rs.getString("actor_kind")), rs.getString("actor_reference"),
				rs.getString("department"), ZoneId.of(rs.getString("zone")), rs.getBoolean("active"),
				until == null ? null : until.toLocalDate(), rs.getInt("version"),
				rs.getTimestamp("updated_at").toInstant(), new PlanningHorizon(
						instant(rs.getTimestamp("planning_start")), instant(rs.getTimestamp("planning_end"))));
	}

}
