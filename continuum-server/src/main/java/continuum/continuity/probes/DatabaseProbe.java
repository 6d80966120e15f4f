package continuum.continuity.probes;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database (kind {@code database}, target {@code primary}): a synthetic transaction
 * that writes a fresh token into the canary table (one non-clinical row) and reads it
 * back, under a statement timeout, so that a database that accepts connections but cannot
 * write (disk full, read-only after a failover) fails the probe. The timeout is lifted
 * before the commit, so that no timeout stands over a commit that waits for the
 * synchronous standby: cancelled, that wait does not undo the commit, it only turns
 * PostgreSQL's answer into success with a warning (docs/operations.md, "Behaviour during
 * a failover"). A commit that does not come back is left to the probe runner, which
 * abandons the probe after its timeout.
 */
@Component
class DatabaseProbe implements ComponentProbe {

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	DatabaseProbe(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Override
	public String kind() {
		return "database";
	}

	@Override
	public ProbeOutcome probe(String target, Duration timeout) {
		UUID token = UUID.randomUUID();
		UUID read = transaction.execute(status -> {
			jdbc.sql("select set_config('statement_timeout', :ms, true)")
				.param("ms", Long.toString(Math.max(1, timeout.toMillis())))
				.query()
				.singleValue();
			jdbc.sql("""
					insert into continuity_canary (id, written_at, token) values (1, :at, :token)
					on conflict (id) do update set written_at = excluded.written_at, token = excluded.token""")
				.param("at", Timestamp.from(clock.instant()))
				.param("token", token)
				.update();
			UUID stored = jdbc.sql("select token from continuity_canary where id = 1").query(UUID.class).single();
			jdbc.sql("select set_config('statement_timeout', '0', true)").query().singleValue();
			return stored;
		});
		return token.equals(read) ? ProbeOutcome.ok() : ProbeOutcome.failed(ProbeCode.CANARY_MISMATCH);
	}

}
