package continuum.downtime.sync;

/**
 * A failed sync step, with its {@link SyncProblem} code; the message carries no patient
 * data.
 */
public class SyncException extends RuntimeException {

	private final SyncProblem problem;

	public SyncException(SyncProblem problem, String message) {
		super(message);
		this.problem = problem;
	}

	SyncException(SyncProblem problem, String message, Throwable cause) {
		super(message, cause);
		this.problem = problem;
	}

	public SyncProblem problem() {
		return problem;
	}

}
