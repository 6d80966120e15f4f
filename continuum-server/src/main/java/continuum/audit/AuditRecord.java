package continuum.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A stored audit row, as auditors see it. */
public record AuditRecord(long id, Instant recordedAt, String username, @Nullable String role, AuditAction action,
		String resourceType, @Nullable String resourceId, @Nullable String patientId, AuditOutcome outcome,
		@Nullable String address, @Nullable String detail) {
}
