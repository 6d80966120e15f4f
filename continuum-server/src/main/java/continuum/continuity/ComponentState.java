package continuum.continuity;

import java.util.Locale;

/**
 * A component's state, named as status pages name them (Atlassian Statuspage's component
 * statuses, with {@code degraded} for its {@code degraded_performance}). Ordered from
 * best to worst outage; maintenance is announced, not an outage.
 */
public enum ComponentState {

	OPERATIONAL, DEGRADED, PARTIAL_OUTAGE, MAJOR_OUTAGE, UNDER_MAINTENANCE;

	/** The name stored and shown: {@code operational}, {@code partial_outage} ... */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static ComponentState of(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

	/** The state of a component an incident of this impact hits. */
	public static ComponentState hitBy(Impact impact) {
		return switch (impact) {
			case NONE -> OPERATIONAL;
			case MINOR -> DEGRADED;
			case MAJOR -> PARTIAL_OUTAGE;
			case CRITICAL -> MAJOR_OUTAGE;
		};
	}

}
