package continuum.continuity.probes;

import java.time.Duration;
import java.time.Instant;

import continuum.continuity.ComponentState;
import org.jspecify.annotations.Nullable;

/**
 * A component of the catalogue: what it is, where its probe looks ({@code target}; none:
 * not configured, so not probed), after how many consecutive failed probes an incident
 * opens ({@code failureThreshold}) and after how many good ones it is resolved
 * ({@code recoveryThreshold}), how often it is probed, its state and the current run of
 * probe results.
 */
public record Component(String code, String name, String kind, @Nullable String target, int failureThreshold,
		int recoveryThreshold, Duration probeInterval, ComponentState state, Instant stateSince, Run run,
		@Nullable Instant lastProbeAt, @Nullable String lastError, int position) {

	/** Whether it has a target to probe; a gateway without one is not configured. */
	public boolean configured() {
		return target != null && !target.isBlank();
	}

	/**
	 * The probe state machine's memory: consecutive failed (or degraded) and good probes,
	 * the first failed probe of the failing run and the first good probe of the
	 * recovering run.
	 */
	public record Run(int failures, int successes, @Nullable Instant failingSince, @Nullable Instant recoveringSince) {

		public static final Run NONE = new Run(0, 0, null, null);

	}

}
