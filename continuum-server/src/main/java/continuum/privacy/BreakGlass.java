package continuum.privacy;

import java.time.Instant;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * One emergency access: who broke the glass on whose record, why, from when until when,
 * the privacy officer's review of it (none while it is open), and the downtime node it
 * was made on ({@code nodeId}, null when made on the server).
 */
public record BreakGlass(long id, PatientId patient, String username, String role, BreakGlassReason reason,
		String explanation, Instant startedAt, Instant expiresAt, @Nullable Review review, @Nullable String nodeId) {

	/** Whether it opens the record at {@code now}: started and not expired. */
	public boolean activeAt(Instant now) {
		return !now.isBefore(startedAt) && now.isBefore(expiresAt);
	}

	/** The privacy officer's finding on an emergency access. */
	public record Review(boolean justified, String comment, String reviewedBy, Instant reviewedAt) {
	}

}
