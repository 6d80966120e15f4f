package continuum.continuity.incidents;

import java.time.Instant;

import continuum.continuity.probes.Component.Run;
import continuum.continuity.probes.ProbeResult;
import org.jspecify.annotations.Nullable;

/**
 * The probe state machine of one component, without side effects: from its run of results
 * and one more result, the next run and whether to open or resolve an incident.
 * <ul>
 * <li>{@code failureThreshold} consecutive failed (or degraded) probes open an incident
 * that starts at the first of them, unless one is open already;</li>
 * <li>{@code recoveryThreshold} consecutive good probes resolve the incident the probes
 * opened, ending it at the first good one; an incident declared by hand is left to the
 * people who declared it;</li>
 * <li>during a maintenance window of the component failures do not count: the run starts
 * again, so an outage that outlasts the window needs {@code failureThreshold} fresh
 * failures and starts at the first failure after it.</li>
 * </ul>
 */
final class IncidentRule {

	private IncidentRule() {
	}

	/** What the component has open. */
	enum Open {

		NONE, BY_PROBE, BY_HAND

	}

	enum Decision {

		NONE, OPEN, RESOLVE

	}

	/**
	 * The next run and the decision; {@code at} is the start of the incident to open or
	 * the end of the one to resolve.
	 */
	record Step(Run run, Decision decision, @Nullable Instant at) {
	}

	static Step next(Run run, ProbeResult result, int failureThreshold, int recoveryThreshold, Open open,
			boolean inMaintenance) {
		Instant at = result.at();
		if (!result.outcome().good()) {
			if (inMaintenance) {
				return new Step(Run.NONE, Decision.NONE, null);
			}
			int failures = run.failures() + 1;
			Instant failingSince = run.failures() == 0 || run.failingSince() == null ? at : run.failingSince();
			Run next = new Run(failures, 0, failingSince, null);
			if (open == Open.NONE && failures >= failureThreshold) {
				return new Step(next, Decision.OPEN, failingSince);
			}
			return new Step(next, Decision.NONE, null);
		}
		int successes = run.successes() + 1;
		Instant recoveringSince = run.successes() == 0 || run.recoveringSince() == null ? at : run.recoveringSince();
		Run next = new Run(0, successes, null, recoveringSince);
		if (open == Open.BY_PROBE && successes >= recoveryThreshold) {
			return new Step(next, Decision.RESOLVE, recoveringSince);
		}
		return new Step(next, Decision.NONE, null);
	}

}
