package continuum.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.changes.StatementChange;
import continuum.fhir.SearchSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The slots of every schedule. Every statement that writes slots appends their changes to
 * the change feed itself ({@link StatementChange}): a generated horizon is thousands of
 * slots, and the downtime nodes must see every one of them without a round trip per row.
 */
@Repository
class SlotRepository {

	static final String SLOT = "Slot";

	private final JdbcClient jdbc;

	private final ChangeFeed changes;

	SlotRepository(JdbcClient jdbc, ChangeFeed changes) {
		this.jdbc = jdbc;
		this.changes = changes;
	}

	/**
	 * Runs a statement whose first expression, {@code changed}, writes slots and returns
	 * their ids, appending one change per slot; answers how many slots it wrote.
	 */
	private int writeWithChanges(String changedCte, ChangeOperation operation,
			java.util.function.UnaryOperator<JdbcClient.StatementSpec> params) {
		StatementChange change = changes.inStatement(SLOT, operation);
		int written = change
			.bind(params.apply(jdbc.sql("with changed as (" + changedCte + "), "
					+ change.cteForEachWithoutPatient("changed", "id") + " select count(*) from changed")))
			.query(Integer.class)
			.single();
		change.afterStatement();
		return written;
	}

	/**
	 * Stores planned slots in one statement; a slot whose start the schedule already has
	 * is kept as it is.
	 */
	int insert(ScheduleId schedule, List<SlotGenerator.Planned> planned, Instant now) {
		if (planned.isEmpty()) {
			return 0;
		}
		int n = planned.size();
		String[] types = new String[n];
		String[] starts = new String[n];
		String[] ends = new String[n];
		String[] statuses = new String[n];
		for (int i = 0; i < n; i++) {
			SlotGenerator.Planned p = planned.get(i);
			types[i] = p.type().name();
			starts[i] = p.start().toString();
			ends[i] = p.end().toString();
			statuses[i] = p.blocked() ? SlotStatus.BLOCKED.name() : SlotStatus.FREE.name();
		}
		return writeWithChanges("""
				insert into sched_slot (schedule_id, appointment_type, starts_at, ends_at, status, updated_at)
				select :schedule, u.type, u.starts_at, u.ends_at, u.status, :now
				from unnest(cast(:types as varchar[]), cast(:starts as timestamptz[]), cast(:ends as timestamptz[]),
				            cast(:statuses as varchar[])) as u(type, starts_at, ends_at, status)
				on conflict (schedule_id, starts_at) do nothing returning id""", ChangeOperation.CREATE,
				statement -> statement.param("schedule", schedule.value())
					.param("types", types)
					.param("starts", starts)
					.param("ends", ends)
					.param("statuses", statuses)
					.param("now", Timestamp.from(now)));
	}

	/** Slots with an id above {@code afterId}, in id order (keyset paging). */
	List<Slot> after(long afterId, int limit) {
		return jdbc.sql("select * from sched_slot where id > :after order by id limit :limit")
			.param("after", afterId)
			.param("limit", limit)
			.query((rs, n) -> slot(rs))
			.list();
	}

	/** The slots with these ids, in id order. */
	List<Slot> withIds(Collection<Long> ids) {
		return jdbc.sql("select * from sched_slot where id = any(cast(:ids as bigint[])) order by id")
			.param("ids", ids.toArray(Long[]::new))
			.query((rs, n) -> slot(rs))
			.list();
	}

	Optional<Slot> find(SlotId id) {
		return jdbc.sql("select * from sched_slot where id = :id")
			.param("id", id.value())
			.query((rs, n) -> slot(rs))
			.optional();
	}

	/**
	 * Reads and locks the slots in id order (so that two bookings of overlapping sets
	 * cannot deadlock); missing ids are left out.
	 */
	List<Slot> lock(Collection<SlotId> ids) {
		return jdbc.sql("select * from sched_slot where id in (:ids) order by id for update")
			.param("ids", ids.stream().map(SlotId::value).toList())
			.query((rs, n) -> slot(rs))
			.list();
	}

	/**
	 * One page of matching slots in start order. The free search is one statement on the
	 * partial indexes over free slots: the status is written into the SQL, not bound, so
	 * that the planner can use them.
	 */
	List<Slot> search(SlotQuery query, Instant from, int limit, int offset) {
		Where where = where(query, from);
		String order = query.controls().sort().isEmpty() ? "s.starts_at, s.schedule_id"
				: SearchSql.orderBy(query.controls(), COLUMNS, "s.starts_at, s.schedule_id, s.id");
		return where
			.bind(jdbc.sql("select s.* from sched_slot s where " + where.sql + " order by " + order
					+ " limit :limit offset :offset"))
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> slot(rs))
			.list();
	}

	int count(SlotQuery query, Instant from) {
		Where where = where(query, from);
		return where.bind(jdbc.sql("select count(*) from sched_slot s where " + where.sql))
			.query(Integer.class)
			.single();
	}

	void setStatus(Collection<SlotId> ids, SlotStatus status, boolean overbooked, Instant now) {
		writeWithChanges("""
				update sched_slot set status = :status, overbooked = :overbooked, version = version + 1,
				       updated_at = :now where id in (:ids) returning id""", ChangeOperation.UPDATE,
				statement -> statement.param("ids", ids.stream().map(SlotId::value).toList())
					.param("status", status.name())
					.param("overbooked", overbooked)
					.param("now", Timestamp.from(now)));
	}

	/**
	 * After a cancellation: a slot without any remaining booking is free again; one that
	 * still holds an overbooking stays busy and overbooked only if two remain.
	 */
	void release(Collection<SlotId> ids, Instant now) {
		writeWithChanges(
				"""
						update sched_slot s set
						  status = case when b.holding = 0 then 'FREE' else 'BUSY' end,
						  overbooked = b.holding > 1, version = s.version + 1, updated_at = :now
						from (select sl.id, (select count(*) from sched_booking k where k.slot_id = sl.id and k.active) as holding
						      from sched_slot sl where sl.id in (:ids)) b
						where s.id = b.id and s.status = 'BUSY' returning s.id""",
				ChangeOperation.UPDATE, statement -> statement.param("ids", ids.stream().map(SlotId::value).toList())
					.param("now", Timestamp.from(now)));
	}

	/** Blocks the free slots of a schedule overlapping {@code [from, to)}. */
	int blockFree(ScheduleId schedule, Instant from, Instant to, Instant now) {
		return writeWithChanges("""
				update sched_slot set status = 'BLOCKED', version = version + 1, updated_at = :now
				where schedule_id = :schedule and status = 'FREE' and starts_at < :to and ends_at > :from
				returning id""", ChangeOperation.UPDATE,
				statement -> statement.param("schedule", schedule.value())
					.param("from", Timestamp.from(from))
					.param("to", Timestamp.from(to))
					.param("now", Timestamp.from(now)));
	}

	/** Appointments holding a slot of the schedule that overlaps {@code [from, to)}. */
	List<AppointmentId> bookedIn(ScheduleId schedule, Instant from, Instant to) {
		return jdbc.sql("""
				select distinct b.appointment_id from sched_booking b join sched_slot s on s.id = b.slot_id
				where b.schedule_id = :schedule and b.active and s.starts_at < :to and s.ends_at > :from
				order by b.appointment_id""")
			.param("schedule", schedule.value())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, n) -> new AppointmentId(rs.getLong(1)))
			.list();
	}

	/**
	 * Removes never-booked free slots of a schedule starting at or after {@code from}.
	 */
	int deleteUnused(ScheduleId schedule, Instant from) {
		return writeWithChanges("""
				delete from sched_slot s where s.schedule_id = :schedule and s.status = 'FREE' and s.starts_at >= :from
				and not exists (select 1 from sched_booking b where b.slot_id = s.id) returning s.id""",
				ChangeOperation.DELETE,
				statement -> statement.param("schedule", schedule.value()).param("from", Timestamp.from(from)));
	}

	SlotId insertOne(ScheduleId schedule, AppointmentType type, Instant start, Instant end, SlotStatus status,
			Instant now) {
		StatementChange change = changes.inStatement(SLOT, ChangeOperation.CREATE);
		SlotId id = new SlotId(change.bind(jdbc.sql("""
				with changed as (
				  insert into sched_slot (schedule_id, appointment_type, starts_at, ends_at, status, updated_at)
				  values (:schedule, :type, :start, :end, :status, :now) returning id),
				""" + change.cteForEachWithoutPatient("changed", "id") + " select id from changed"))
			.param("schedule", schedule.value())
			.param("type", type.name())
			.param("start", Timestamp.from(start))
			.param("end", Timestamp.from(end))
			.param("status", status.name())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single());
		change.afterStatement();
		return id;
	}

	/** Whether any slot of the schedule overlaps {@code [from, to)}. */
	boolean overlaps(ScheduleId schedule, Instant from, Instant to) {
		return jdbc.sql("""
				select exists (select 1 from sched_slot where schedule_id = :schedule
				               and starts_at < :to and ends_at > :from)""")
			.param("schedule", schedule.value())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(Boolean.class)
			.single();
	}

	/** The slot table as the parameters every FHIR type has read it. */
	private static final SearchSql.Columns COLUMNS = new SearchSql.Columns("s.id", "s.updated_at", null,
			Map.of("start", "s.starts_at"))
		.withText("service-type", typeDisplay());

	/**
	 * The display of a slot's {@code serviceType} (its appointment type's), from the enum
	 * (constants, never input), for {@code service-type:text}.
	 */
	private static String typeDisplay() {
		StringBuilder sql = new StringBuilder("(case s.appointment_type");
		for (AppointmentType type : AppointmentType.values()) {
			sql.append(" when '")
				.append(type.name())
				.append("' then '")
				.append(type.display().replace("'", "''"))
				.append("'");
		}
		return sql.append(" end)").toString();
	}

	private static Where where(SlotQuery query, Instant from) {
		List<String> terms = new ArrayList<>();
		List<Object[]> params = new ArrayList<>();
		Set<SlotStatus> statuses = query.statuses();
		if (statuses.size() == 1) {
			// Literal on purpose: the partial indexes are "where status = 'FREE'".
			terms.add("s.status = '" + statuses.iterator().next().name() + "'");
		}
		else if (!statuses.isEmpty()) {
			terms.add("s.status in (:statuses)");
			params.add(new Object[] { "statuses", statuses.stream().map(Enum::name).toList() });
		}
		terms.add("s.starts_at >= :from and s.starts_at < :to");
		params.add(new Object[] { "from", Timestamp.from(from) });
		params.add(new Object[] { "to", Timestamp.from(query.to()) });
		if (!query.schedules().isEmpty()) {
			terms.add("s.schedule_id in (:schedules)");
			params.add(new Object[] { "schedules", query.schedules().stream().map(ScheduleId::value).toList() });
		}
		if (query.department() != null) {
			terms.add("s.schedule_id in (select d.id from sched_schedule d where d.department = :department)");
			params.add(new Object[] { "department", query.department() });
		}
		if (query.type() != null) {
			terms.add("s.appointment_type = :type");
			params.add(new Object[] { "type", query.type().name() });
		}
		Map<String, Object> common = new HashMap<>();
		terms.addAll(SearchSql.conditions(query.controls(), COLUMNS, common));
		common.forEach((name, value) -> params.add(new Object[] { name, value }));
		return new Where(String.join(" and ", terms), params);
	}

	private record Where(String sql, List<Object[]> params) {

		JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
			for (Object[] p : params) {
				spec = spec.param((String) p[0], p[1]);
			}
			return spec;
		}

	}

	static Slot slot(ResultSet rs) throws SQLException {
		return new Slot(new SlotId(rs.getLong("id")), new ScheduleId(rs.getLong("schedule_id")),
				AppointmentType.valueOf(rs.getString("appointment_type")), rs.getTimestamp("starts_at").toInstant(),
				rs.getTimestamp("ends_at").toInstant(), SlotStatus.valueOf(rs.getString("status")),
				rs.getBoolean("overbooked"), rs.getInt("version"), rs.getTimestamp("updated_at").toInstant());
	}

}
