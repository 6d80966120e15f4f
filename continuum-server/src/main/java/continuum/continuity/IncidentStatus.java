package continuum.continuity;

import java.util.Locale;

/**
 * Where an incident stands, in the words of status pages: an outage is investigating,
 * identified, monitoring, then resolved; a maintenance window is scheduled, in progress,
 * then completed.
 */
public enum IncidentStatus {

	INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED, SCHEDULED, IN_PROGRESS, COMPLETED;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static IncidentStatus of(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

	/** Whether the incident is over: resolved or completed. */
	public boolean closed() {
		return this == RESOLVED || this == COMPLETED;
	}

	/** Whether this status belongs to incidents of that kind. */
	public boolean fits(IncidentKind kind) {
		return kind == IncidentKind.MAINTENANCE ? this == SCHEDULED || this == IN_PROGRESS || this == COMPLETED
				: !(this == SCHEDULED || this == IN_PROGRESS || this == COMPLETED);
	}

}
