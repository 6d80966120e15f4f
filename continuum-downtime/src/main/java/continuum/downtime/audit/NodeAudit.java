package continuum.downtime.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends to the node's hash-chained audit log. Appends are serialised so that each entry
 * names its predecessor's hash; each commits on its own before the page it audits is
 * answered. Patient data never goes into {@code detail}: ids only. Entries take the
 * central log's shape: a resource type always (sign-ins are {@code Session}, as on the
 * server), a username of at most 64 characters, a detail of at most 500.
 */
@Component
public class NodeAudit {

	/** What happened, as the central log names it. */
	public enum Action {

		READ, SEARCH, CREATE, LOGIN, LOGOUT, EXPORT

	}

	/** How it ended. */
	public enum Outcome {

		SUCCESS, DENIED, FAILURE

	}

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final Clock clock;

	NodeAudit(JdbcClient db, TransactionTemplate transactions, Clock clock) {
		this.db = db;
		this.transactions = transactions;
		this.clock = clock;
	}

	public void record(@Nullable String username, Action action, String resourceType, @Nullable String resourceId,
			@Nullable String patientId, Outcome outcome, @Nullable String detail) {
		record(username, action, resourceType, resourceId, patientId, outcome, detail, null);
	}

	/**
	 * An entry with the reader's own words beside it ({@code explanation}, a
	 * break-the-glass): kept with the entry and shipped with it for the privacy officer's
	 * review, outside the chain's hash and never in the central log.
	 */
	public synchronized void record(@Nullable String username, Action action, String resourceType,
			@Nullable String resourceId, @Nullable String patientId, Outcome outcome, @Nullable String detail,
			@Nullable String explanation) {
		String who = username == null || username.isBlank() ? "anonymous" : cut(username, 64);
		String what = cut(detail, 500);
		String words = cut(explanation, 500);
		transactions.executeWithoutResult(tx -> {
			var last = db.sql("select seq, hash from audit_entry order by seq desc limit 1")
				.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) })
				.optional();
			long seq = last.map(row -> (Long) row[0] + 1).orElse(1L);
			String previous = last.map(row -> (String) row[1]).orElse(AuditHash.GENESIS);
			String at = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
			// The hash covers the values as stored and shipped.
			String hash = AuditHash.of(previous, seq, at, who, action.name(), resourceType, resourceId, patientId,
					outcome.name(), what);
			db.sql("""
					insert into audit_entry (seq, at, username, action, resource_type, resource_id, patient_id,
					  outcome, detail, previous_hash, hash, explanation) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(seq, at, who, action.name(), resourceType, resourceId, patientId, outcome.name(), what,
						previous, hash, words)
				.update();
		});
	}

	/**
	 * A value cut to what the central log accepts, so that no entry can ever block the
	 * shipping of the entries after it.
	 */
	private static @Nullable String cut(@Nullable String value, int maximum) {
		return value == null || value.length() <= maximum ? value : value.substring(0, maximum);
	}

	/** How many entries the server has not confirmed yet. */
	public long notShipped() {
		return db.sql("select count(*) from audit_entry where not shipped").query(Long.class).single();
	}

}
