package continuum.scheduling.bulk;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import continuum.patients.PatientId;
import continuum.scheduling.AppointmentId;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.RescheduleCause;
import continuum.scheduling.ScheduleId;
import continuum.scheduling.SlotId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables of bulk rescheduling: {@code sched_reschedule_batch} and its items. */
@Repository
class BulkRescheduleRepository {

	/** An appointment selected for a batch, before any proposal. */
	record NewItem(AppointmentId appointment, PatientId patient, AppointmentType type, Instant start,
			List<ScheduleId> schedules) {
	}

	private static final String ITEM_COLUMNS = """
			id, batch_id, position, appointment_id, patient_id, appointment_type, old_start, old_schedules, state,
			proposed_slots, proposed_start, new_appointment_id, reason_code""";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batches;

	BulkRescheduleRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	long insertBatch(RescheduleRequest request, String by, Instant now) {
		return jdbc
			.sql("""
					insert into sched_reschedule_batch (scope, schedule_id, department, window_start, window_end,
					                                    not_before, reason, cause, status, created_by, created_at, updated_at)
					values (:scope, :schedule, :department, :from, :to, :notBefore, :reason, :cause, 'PROPOSING', :by, :now,
					        :now)
					returning id""")
			.param("scope", request.scope().name())
			.param("schedule", request.schedule() == null ? null : request.schedule().value())
			.param("department", request.department())
			.param("from", Timestamp.from(request.from()))
			.param("to", Timestamp.from(request.to()))
			.param("notBefore", Timestamp.from(request.notBefore()))
			.param("reason", request.reason())
			.param("cause", request.cause().name())
			.param("by", by)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	/** Appends items after the batch's last position, in the order given. */
	void insertItems(long batch, List<NewItem> items, Instant now) {
		int next = jdbc.sql("select coalesce(max(position), 0) from sched_reschedule_item where batch_id = :batch")
			.param("batch", batch)
			.query(Integer.class)
			.single();
		MapSqlParameterSource[] rows = new MapSqlParameterSource[items.size()];
		for (int i = 0; i < rows.length; i++) {
			NewItem item = items.get(i);
			rows[i] = new MapSqlParameterSource().addValue("batch", batch)
				.addValue("position", next + i + 1)
				.addValue("appointment", item.appointment().value())
				.addValue("patient", item.patient().value())
				.addValue("type", item.type().name())
				.addValue("start", Timestamp.from(item.start()))
				.addValue("schedules", array(item.schedules().stream().map(ScheduleId::value).toList()))
				.addValue("now", Timestamp.from(now));
		}
		batches.batchUpdate("""
				insert into sched_reschedule_item (batch_id, position, appointment_id, patient_id, appointment_type,
				                                   old_start, old_schedules, state, updated_at)
				values (:batch, :position, :appointment, :patient, :type, :start, cast(:schedules as bigint[]),
				        'SELECTED', :now)""", rows);
	}

	Optional<RescheduleBatch> batch(long id) {
		return jdbc.sql("select * from sched_reschedule_batch where id = :id")
			.param("id", id)
			.query((rs, n) -> batch(rs, counts(id)))
			.optional();
	}

	/**
	 * Serializes proposal making across batches and nodes until the transaction ends, so
	 * that two proposal runs never reserve the same slot.
	 */
	void lockProposals() {
		jdbc.sql("select pg_advisory_xact_lock(230001)").query(rs -> {
		});
	}

	/** Serializes the steps of one batch across threads and nodes. */
	boolean lockBatch(long id) {
		return jdbc.sql("select id from sched_reschedule_batch where id = :id for update")
			.param("id", id)
			.query(Long.class)
			.optional()
			.isPresent();
	}

	List<RescheduleBatch> recent(int limit) {
		List<Long> ids = jdbc.sql("select id from sched_reschedule_batch order by id desc limit :limit")
			.param("limit", limit)
			.query(Long.class)
			.list();
		return ids.stream().map(id -> batch(id).orElseThrow()).toList();
	}

	void setStatus(long batch, BatchStatus status, Instant now) {
		jdbc.sql("update sched_reschedule_batch set status = :status, updated_at = :now where id = :id")
			.param("id", batch)
			.param("status", status.name())
			.param("now", Timestamp.from(now))
			.update();
	}

	List<RescheduleItem> items(long batch, @Nullable ItemState state, int limit, int offset) {
		return jdbc.sql("select " + ITEM_COLUMNS + """
				 from sched_reschedule_item
				where batch_id = :batch and (cast(:state as varchar) is null or state = :state)
				order by position limit :limit offset :offset""")
			.param("batch", batch)
			.param("state", state == null ? null : state.name())
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> item(rs))
			.list();
	}

	Optional<RescheduleItem> lockItem(long batch, long item) {
		return jdbc
			.sql("select " + ITEM_COLUMNS + " from sched_reschedule_item where batch_id = :batch and id = :id"
					+ " for update")
			.param("batch", batch)
			.param("id", item)
			.query((rs, n) -> item(rs))
			.optional();
	}

	/**
	 * The next confirmed item nobody else is rebooking, locked until the end of the
	 * transaction; a concurrent run skips it and takes the one after.
	 */
	Optional<RescheduleItem> claimNext(long batch) {
		return jdbc.sql("select " + ITEM_COLUMNS + """
				 from sched_reschedule_item where batch_id = :batch and state = 'CONFIRMED'
				order by position limit 1 for update skip locked""")
			.param("batch", batch)
			.query((rs, n) -> item(rs))
			.optional();
	}

	void propose(long item, List<SlotId> slots, Instant start, @Nullable String reasonCode, Instant now) {
		jdbc.sql("""
				update sched_reschedule_item set state = 'PROPOSED', proposed_slots = cast(:slots as bigint[]),
				       proposed_start = :start, reason_code = :reason, updated_at = :now
				where id = :id""")
			.param("id", item)
			.param("slots", array(slots.stream().map(SlotId::value).toList()))
			.param("start", Timestamp.from(start))
			.param("reason", reasonCode)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Moves an item to a state without slots (no slot, skipped, failed). */
	void close(long item, ItemState state, String reasonCode, Instant now) {
		jdbc.sql("""
				update sched_reschedule_item set state = :state, proposed_slots = null, proposed_start = null,
				       reason_code = :reason, updated_at = :now
				where id = :id""")
			.param("id", item)
			.param("state", state.name())
			.param("reason", reasonCode)
			.param("now", Timestamp.from(now))
			.update();
	}

	void rebooked(long item, AppointmentId replacement, Instant now) {
		jdbc.sql("""
				update sched_reschedule_item set state = 'REBOOKED', new_appointment_id = :replacement,
				       reason_code = null, updated_at = :now
				where id = :id""")
			.param("id", item)
			.param("replacement", replacement.value())
			.param("now", Timestamp.from(now))
			.update();
	}

	int confirmAll(long batch, Instant now) {
		return jdbc.sql("""
				update sched_reschedule_item set state = 'CONFIRMED', updated_at = :now
				where batch_id = :batch and state = 'PROPOSED'""")
			.param("batch", batch)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Slots held by the open proposals of every batch. */
	Set<SlotId> reservedSlots() {
		return new HashSet<>(jdbc.sql("""
				select unnest(proposed_slots) from sched_reschedule_item
				where state in ('PROPOSED', 'CONFIRMED') and proposed_slots is not null""")
			.query((rs, n) -> new SlotId(rs.getLong(1)))
			.list());
	}

	/** Of the given appointments, those already in an open item of some batch. */
	Set<AppointmentId> inOpenItems(Collection<AppointmentId> appointments) {
		if (appointments.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				select appointment_id from sched_reschedule_item
				where appointment_id in (:ids) and state in ('SELECTED', 'PROPOSED', 'CONFIRMED')""")
			.param("ids", appointments.stream().map(AppointmentId::value).toList())
			.query((rs, n) -> new AppointmentId(rs.getLong(1)))
			.list());
	}

	private Map<ItemState, Integer> counts(long batch) {
		Map<ItemState, Integer> counts = new EnumMap<>(ItemState.class);
		jdbc.sql("select state, count(*) from sched_reschedule_item where batch_id = :batch group by state")
			.param("batch", batch)
			.query(rs -> {
				counts.put(ItemState.valueOf(rs.getString(1)), rs.getInt(2));
			});
		return counts;
	}

	private static RescheduleBatch batch(ResultSet rs, Map<ItemState, Integer> counts) throws SQLException {
		long schedule = rs.getLong("schedule_id");
		boolean hasSchedule = !rs.wasNull();
		return new RescheduleBatch(rs.getLong("id"), RescheduleScope.valueOf(rs.getString("scope")),
				hasSchedule ? new ScheduleId(schedule) : null, rs.getString("department"),
				rs.getTimestamp("window_start").toInstant(), rs.getTimestamp("window_end").toInstant(),
				rs.getTimestamp("not_before").toInstant(), rs.getString("reason"),
				RescheduleCause.valueOf(rs.getString("cause")), BatchStatus.valueOf(rs.getString("status")),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), counts);
	}

	private static RescheduleItem item(ResultSet rs) throws SQLException {
		Timestamp proposedStart = rs.getTimestamp("proposed_start");
		long replacement = rs.getLong("new_appointment_id");
		boolean rebooked = !rs.wasNull();
		return new RescheduleItem(rs.getLong("id"), rs.getLong("batch_id"), rs.getInt("position"),
				new AppointmentId(rs.getLong("appointment_id")), new PatientId(rs.getLong("patient_id")),
				AppointmentType.valueOf(rs.getString("appointment_type")), rs.getTimestamp("old_start").toInstant(),
				longs(rs.getArray("old_schedules")).stream().map(ScheduleId::new).toList(),
				ItemState.valueOf(rs.getString("state")),
				longs(rs.getArray("proposed_slots")).stream().map(SlotId::new).toList(),
				proposedStart == null ? null : proposedStart.toInstant(),
				rebooked ? new AppointmentId(replacement) : null, rs.getString("reason_code"));
	}

	private static List<Long> longs(@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return new ArrayList<>(Arrays.asList((Long[]) array.getArray()));
	}

	/** A PostgreSQL array literal of ids, cast to {@code bigint[]} in the statement. */
	private static String array(List<Long> values) {
		return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
	}

}
