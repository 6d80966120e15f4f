package continuum.downtime.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints why the store could not be opened and what to do, instead of a stack trace. */
class StoreFailureAnalyzer extends AbstractFailureAnalyzer<StoreUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StoreUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Nothing was deleted. See docs/continuity.md, 'The downtime node', for the store and its key.", cause);
	}

}
