package continuum.backup;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.audit.AuditChainHead;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The named restore point a base backup ends with, and what the database held there: the
 * row count of every table, the change feed's newest position and the audit chain's head,
 * which a copy recovered to the point must show exactly.
 */
record RestorePoint(String lsn, Instant time, Map<String, Long> rowCounts, long changeFeed,
		@Nullable AuditChainHead auditHead) {

	private static final Logger log = LoggerFactory.getLogger(RestorePoint.class);

	/**
	 * Locks every table against writes (SHARE: readers go on), counts rows, reads the
	 * heads and writes the restore point, then commits: no write can fall between the
	 * counts and the point, so a copy recovered to it holds exactly these counts. Writers
	 * queue behind a lock request that waits, so the request gives up after 2 s (a long
	 * transaction holds a table, or a deadlock) and is tried again a second later, up to
	 * ten times.
	 */
	static RestorePoint take(Connection session, JdbcClient jdbc, String name, AuditService audit, ChangeFeed changes)
			throws SQLException {
		List<String> tables = jdbc.sql("""
				select quote_ident(c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind = 'r' and c.relpersistence = 'p' order by 1""")
			.query(String.class)
			.list();
		for (int attempt = 1;; attempt++) {
			try {
				return lockedCounts(session, jdbc, tables, name, audit, changes);
			}
			catch (RuntimeException ex) {
				if (attempt == 10 || !lockRefused(ex)) {
					throw ex;
				}
				log.info("Could not lock every table for the backup's counts (attempt {}): {}", attempt,
						ex.getClass().getSimpleName());
				try {
					Thread.sleep(1000);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	private static RestorePoint lockedCounts(Connection session, JdbcClient jdbc, List<String> tables, String name,
			AuditService audit, ChangeFeed changes) throws SQLException {
		session.setAutoCommit(false);
		try {
			jdbc.sql("set local lock_timeout = '2s'").update();
			jdbc.sql("lock table " + String.join(", ", tables) + " in share mode").update();
			long locked = System.nanoTime();
			Map<String, Long> counts = new LinkedHashMap<>();
			for (String table : tables) {
				counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
			}
			long feed = changes.headIn(jdbc);
			AuditChainHead head = audit.chainHead(jdbc).orElse(null);
			Map<String, Object> point = jdbc
				.sql("select pg_create_restore_point(:name)::text as lsn, clock_timestamp() as at")
				.param("name", name)
				.query()
				.singleRow();
			session.commit();
			log.info("Writes held for {} ms while {} tables were counted for restore point {}",
					Duration.ofNanos(System.nanoTime() - locked).toMillis(), tables.size(), name);
			return new RestorePoint((String) point.get("lsn"), ((Timestamp) point.get("at")).toInstant(), counts, feed,
					head);
		}
		catch (SQLException | RuntimeException ex) {
			session.rollback();
			throw ex;
		}
		finally {
			session.setAutoCommit(true);
		}
	}

	/** A lock timeout (55P03) or a deadlock (40P01). */
	private static boolean lockRefused(RuntimeException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql
					&& ("55P03".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
				return true;
			}
		}
		return false;
	}

}
