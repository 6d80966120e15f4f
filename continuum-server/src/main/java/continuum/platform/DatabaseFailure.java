package continuum.platform;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * A failure of the database itself rather than of the request: the kinds that every door
 * answers with 503 and {@code Retry-After} instead of a 500 (docs/operations.md,
 * "Behaviour during a failover").
 */
public enum DatabaseFailure {

	/**
	 * No primary could be reached, or the one reached cannot write (a standby, a full
	 * disk): the transaction that met it did not commit.
	 */
	UNAVAILABLE("not-committed", "no-store"),

	/**
	 * The commit was sent but whether it took effect is not known
	 * ({@link OutcomeUnknownException}).
	 */
	OUTCOME_UNKNOWN("unknown", "transient");

	/**
	 * What a client waiting for a failover is told to wait before retrying, in seconds.
	 */
	public static final int RETRY_AFTER_SECONDS = 5;

	/**
	 * The response header that tells the client of a write whether its change is saved:
	 * {@code not-committed} or {@code unknown}.
	 */
	public static final String WRITE_OUTCOME_HEADER = "Continuum-Write-Outcome";

	private final String writeOutcome;

	private final String fhirIssueCode;

	DatabaseFailure(String writeOutcome, String fhirIssueCode) {
		this.writeOutcome = writeOutcome;
		this.fhirIssueCode = fhirIssueCode;
	}

	/** The value of {@link #WRITE_OUTCOME_HEADER}. */
	public String writeOutcome() {
		return writeOutcome;
	}

	/**
	 * The OperationOutcome issue type (FHIR value set {@code issue-type}):
	 * {@code no-store} when the database cannot be reached, {@code transient} when a
	 * write's outcome is unknown.
	 */
	public String fhirIssueCode() {
		return fhirIssueCode;
	}

	/** Whether a request of this HTTP method asks for a change. */
	public static boolean isWrite(String method) {
		return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
	}

	/**
	 * The failure as the client of a request with this method sees it: a read has no
	 * outcome to be unsure of (a lost audit row of a read it never received is not its
	 * concern), so only a write's outcome is unknown.
	 */
	public DatabaseFailure seenBy(String method) {
		return this == OUTCOME_UNKNOWN && !isWrite(method) ? UNAVAILABLE : this;
	}

	/** The message for an API client, without anything of the failure's internals. */
	public String message(boolean write) {
		if (this == OUTCOME_UNKNOWN) {
			return "The connection to the database was lost while this change was being saved: it may or may not "
					+ "have been saved. Check before repeating it, or repeat it with the same Idempotency-Key.";
		}
		return "The database cannot be reached; the system may be switching to its standby database."
				+ (write ? " Nothing was saved." : "") + " Try again in a few seconds.";
	}

	/**
	 * The database failure somewhere in the cause chain, or null if the failure is not
	 * one; an unknown outcome takes precedence.
	 */
	public static @Nullable DatabaseFailure of(Throwable failure) {
		DatabaseFailure found = null;
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof OutcomeUnknownException) {
				return OUTCOME_UNKNOWN;
			}
			if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientConnectionException
					|| (t instanceof SQLException sql && unavailable(sql.getSQLState()))) {
				found = UNAVAILABLE;
			}
		}
		return found;
	}

	/**
	 * Whether the state says the connection is gone: class 08 (connection exception, as
	 * the driver reports a broken socket) or the server shutting down or not yet
	 * accepting connections (57P01, 57P02, 57P03).
	 */
	public static boolean connectionLost(@Nullable String sqlState) {
		return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
				|| sqlState.equals("57P03"));
	}

	/**
	 * A lost connection; a standby that refuses writes (25006); insufficient resources
	 * such as a full disk or too many connections (class 53); an I/O error (58030).
	 */
	private static boolean unavailable(@Nullable String sqlState) {
		return connectionLost(sqlState) || "25006".equals(sqlState) || "58030".equals(sqlState)
				|| (sqlState != null && sqlState.startsWith("53"));
	}

}
