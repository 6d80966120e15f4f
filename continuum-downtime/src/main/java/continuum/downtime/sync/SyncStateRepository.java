package continuum.downtime.sync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one row of {@code sync_state} and the log of applied changes. */
@Repository
class SyncStateRepository {

	private final JdbcClient db;

	SyncStateRepository(JdbcClient db) {
		this.db = db;
	}

	SyncState load() {
		return db.sql("select feed_position, loaded, newest_change, current_through from sync_state where id = 1")
			.query((rs, n) -> new SyncState(rs.getLong(1), rs.getBoolean(2),
					instant(rs.getObject(3, OffsetDateTime.class)), instant(rs.getObject(4, OffsetDateTime.class))))
			.single();
	}

	void startLoad() {
		db.sql("update sync_state set loaded = false, feed_position = 0, newest_change = null where id = 1").update();
	}

	void finishLoad(long head, Instant currentThrough) {
		db.sql("update sync_state set loaded = true, feed_position = ?, current_through = ? where id = 1")
			.params(head, utc(currentThrough))
			.update();
	}

	/**
	 * Moves the position from {@code from} to {@code to}; fails (and so rolls the batch
	 * back) if the stored position is no longer {@code from}.
	 */
	void advance(long from, long to, @Nullable Instant newestChange, @Nullable Instant currentThrough) {
		int moved = db.sql("""
				update sync_state set feed_position = ?, newest_change = coalesce(?, newest_change),
				  current_through = coalesce(?, current_through) where id = 1 and feed_position = ?""")
			.params(to, utc(newestChange), utc(currentThrough), from)
			.update();
		if (moved != 1) {
			throw new IllegalStateException("The feed position moved from " + from + " during a batch");
		}
	}

	void applied(long seq, String type, String id, String operation) {
		db.sql("insert into applied_change (seq, resource_type, resource_id, operation) values (?, ?, ?, ?)")
			.params(seq, type, id, operation)
			.update();
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

}
