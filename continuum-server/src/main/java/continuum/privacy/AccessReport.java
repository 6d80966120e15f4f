package continuum.privacy;

import java.time.Instant;
import java.util.List;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * "Who looked at my record": every access to a patient's data in the audit log, oldest
 * first, with emergency accesses marked; {@code complete} is false when the log held more
 * than the report's limit.
 */
public record AccessReport(PatientId patient, String mrn, Instant madeAt, String madeBy, List<Line> lines,
		boolean complete) {

	/** One access: who (user and role), when, what, how it ended and why. */
	public record Line(Instant at, String username, @Nullable String role, String action, String resourceType,
			@Nullable String resourceId, String outcome, String purpose, boolean emergency) {
	}

}
