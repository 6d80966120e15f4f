package continuum.changes;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the change feed: which resource changed, of which patient, how and when,
 * at position {@code seq}.
 */
public record Change(long seq, String resourceType, String resourceId, @Nullable String patientId,
		ChangeOperation operation, Instant changedAt) {
}
