package continuum.downtime.sync;

/**
 * A failed sync step, with its {@link SyncProblem} code; the message carries no patient
 * data.
 */
class SyncException extends RuntimeException {

	private final SyncProblem problem;

	SyncException(SyncProblem problem, String message) {
		super(message);
		this.problem = problem;
	}

	SyncException(SyncProblem problem, String message, Throwable cause) {
		super(message, cause);
		this.problem = problem;
	}

	SyncProblem problem() {
		return problem;
	}

}
