package continuum.platform;

import org.springframework.transaction.TransactionException;

/**
 * Thrown when a commit was sent to the database but its outcome is not known: the
 * connection was lost while the commit was under way, or PostgreSQL reported the commit
 * with a warning instead of a plain success ("canceling wait for synchronous replication
 * ... the transaction has already committed locally"). The change may be there or not,
 * and where it is there it may not have reached the standby, so a failover can still lose
 * it. Never treat it as a success; the caller has to check, or retry with an idempotency
 * key. A {@link TransactionException}, so that Spring's transaction manager does not try
 * to roll back a transaction whose commit has already been sent.
 */
public class OutcomeUnknownException extends TransactionException {

	public OutcomeUnknownException(String message) {
		super(message);
	}

	public OutcomeUnknownException(String message, Throwable cause) {
		super(message, cause);
	}

}
