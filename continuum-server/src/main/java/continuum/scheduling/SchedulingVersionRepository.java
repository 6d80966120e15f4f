package continuum.scheduling;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The kept versions of schedules and slots ({@code sched_schedule_version},
 * {@code sched_slot_version}), which the tables' triggers write with every change: read
 * back as rows shaped like the table, newest first (time written, then id and version).
 */
@Repository
class SchedulingVersionRepository {

	/**
	 * A kept slot version; a deletion carries the row as it was when deleted, at the
	 * deletion's version and time.
	 */
	record SlotRow(Slot slot, boolean deleted) {
	}

	private static final String SCHEDULES = """
			from sched_schedule_version v
			where (cast(:id as bigint) is null or v.schedule_id = :id)
			  and v.recorded_at >= coalesce(:since, '-infinity'::timestamptz)
			""";

	private static final String SLOTS = """
			from sched_slot_version v
			where (cast(:id as bigint) is null or v.slot_id = :id)
			  and v.recorded_at >= coalesce(:since, '-infinity'::timestamptz)
			""";

	private final JdbcClient jdbc;

	SchedulingVersionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Schedule> schedule(ScheduleId id, int version) {
		return jdbc.sql("""
				select (jsonb_populate_record(null::sched_schedule, v.snapshot)).*
				from sched_schedule_version v where v.schedule_id = :id and v.version = :version""")
			.param("id", id.value())
			.param("version", version)
			.query((rs, n) -> ScheduleRepository.schedule(rs))
			.optional();
	}

	List<Schedule> schedules(@Nullable ScheduleId id, @Nullable Instant since, int limit, int offset) {
		return jdbc.sql("select (jsonb_populate_record(null::sched_schedule, v.snapshot)).* " + SCHEDULES + """
				order by v.recorded_at desc, v.schedule_id desc, v.version desc limit :limit offset :offset""")
			.param("id", id(id == null ? null : id.value()))
			.param("since", since(since))
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> ScheduleRepository.schedule(rs))
			.list();
	}

	int countSchedules(@Nullable ScheduleId id, @Nullable Instant since) {
		return jdbc.sql("select count(*) " + SCHEDULES)
			.param("id", id(id == null ? null : id.value()))
			.param("since", since(since))
			.query(Integer.class)
			.single();
	}

	Optional<SlotRow> slot(SlotId id, int version) {
		return jdbc.sql("""
				select (jsonb_populate_record(null::sched_slot, v.snapshot)).*, v.version as kept_version, v.deleted,
				       v.recorded_at as kept_at
				from sched_slot_version v where v.slot_id = :id and v.version = :version""")
			.param("id", id.value())
			.param("version", version)
			.query((rs, n) -> slotRow(rs))
			.optional();
	}

	List<SlotRow> slots(@Nullable SlotId id, @Nullable Instant since, int limit, int offset) {
		return jdbc
			.sql("select (jsonb_populate_record(null::sched_slot, v.snapshot)).*, v.version as kept_version, "
					+ "v.deleted, v.recorded_at as kept_at " + SLOTS + """
							order by v.recorded_at desc, v.slot_id desc, v.version desc limit :limit offset :offset""")
			.param("id", id(id == null ? null : id.value()))
			.param("since", since(since))
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> slotRow(rs))
			.list();
	}

	int countSlots(@Nullable SlotId id, @Nullable Instant since) {
		return jdbc.sql("select count(*) " + SLOTS)
			.param("id", id(id == null ? null : id.value()))
			.param("since", since(since))
			.query(Integer.class)
			.single();
	}

	private static SlotRow slotRow(java.sql.ResultSet rs) throws java.sql.SQLException {
		Slot slot = SlotRepository.slot(rs);
		if (!rs.getBoolean("deleted")) {
			return new SlotRow(slot, false);
		}
		return new SlotRow(new Slot(slot.id(), slot.schedule(), slot.type(), slot.start(), slot.end(), slot.status(),
				slot.overbooked(), rs.getInt("kept_version"), rs.getTimestamp("kept_at").toInstant()), true);
	}

	private static SqlParameterValue id(@Nullable Long id) {
		return new SqlParameterValue(java.sql.Types.BIGINT, id);
	}

	private static SqlParameterValue since(@Nullable Instant since) {
		return new SqlParameterValue(java.sql.Types.TIMESTAMP_WITH_TIMEZONE,
				since == null ? null : since.atOffset(java.time.ZoneOffset.UTC));
	}

}
