package continuum.changes;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A change-feed entry appended by the very statement that makes the change (a
 * data-modifying common table expression), for writes whose id only the statement knows.
 * Obtained from {@link ChangeFeed#inStatement}; the sequencer is nudged once the change
 * is committed.
 */
public final class StatementChange {

	/** What is left to do after a statement inside a transaction: nothing. */
	static final Runnable NOTHING = () -> {
	};

	private final String resourceType;

	private final ChangeOperation operation;

	private final Instant at;

	private final Runnable committedOnItsOwn;

	StatementChange(String resourceType, ChangeOperation operation, Instant at, Runnable committedOnItsOwn) {
		this.resourceType = resourceType;
		this.operation = operation;
		this.at = at;
		this.committedOnItsOwn = committedOnItsOwn;
	}

	/**
	 * Call once the statement has run: a statement outside any transaction has committed
	 * by now, and the sequencer is nudged to number its change (inside a transaction,
	 * that happens at commit).
	 */
	public void afterStatement() {
		committedOnItsOwn.run();
	}

	/**
	 * A common table expression, {@code change_row}, that appends one change for each row
	 * of {@code relation}, whose column {@code idColumn} is both the resource and the
	 * patient id.
	 */
	public String cteForEach(String relation, String idColumn) {
		return """
				change_row as (
				  insert into change_feed (resource_type, resource_id, patient_id, operation, changed_at)
				  select :change_type, cast(r.%1$s as varchar), cast(r.%1$s as varchar), :change_operation, :change_at
				  from %2$s r)
				""".formatted(idColumn, relation);
	}

	/**
	 * A common table expression, {@code change_row}, that appends one change for each row
	 * of {@code relation}, whose column {@code idColumn} is the resource id, of a
	 * resource that belongs to no patient (a slot, a staff account): many rows changed by
	 * one statement cost one insert, not one per row.
	 */
	public String cteForEachWithoutPatient(String relation, String idColumn) {
		return """
				change_row as (
				  insert into change_feed (resource_type, resource_id, patient_id, operation, changed_at)
				  select :change_type, cast(r.%1$s as varchar), null, :change_operation, :change_at
				  from %2$s r)
				""".formatted(idColumn, relation);
	}

	/**
	 * Binds the parameters of {@link #cteForEach} and {@link #cteForEachWithoutPatient}.
	 */
	public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
		return statement.param("change_type", resourceType)
			.param("change_operation", operation.name())
			.param("change_at", Timestamp.from(at));
	}

}
