package continuum.audit;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One access to record. The actor (user, role, address) is taken from the current request
 * by {@link AuditService}. {@code detail} is free text for operators and must never
 * contain patient data (no names, no search strings).
 */
public record AuditEntry(AuditAction action, String resourceType, @Nullable String resourceId,
		@Nullable String patientId, AuditOutcome outcome, @Nullable String detail) {

	public AuditEntry {
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(resourceType, "resourceType");
		Objects.requireNonNull(outcome, "outcome");
		if (detail != null && detail.length() > 500) {
			detail = detail.substring(0, 500);
		}
	}

	public static AuditEntry success(AuditAction action, String resourceType, @Nullable String resourceId,
			@Nullable String patientId) {
		return new AuditEntry(action, resourceType, resourceId, patientId, AuditOutcome.SUCCESS, null);
	}

	public static AuditEntry denied(AuditAction action, String resourceType, @Nullable String resourceId,
			@Nullable String patientId, String reason) {
		return new AuditEntry(action, resourceType, resourceId, patientId, AuditOutcome.DENIED, reason);
	}

}
