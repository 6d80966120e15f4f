package continuum.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Criteria for reading the audit log; {@code null} means "any". */
public record AuditQuery(@Nullable String patientId, @Nullable String username, @Nullable Instant from,
		@Nullable Instant to, int limit, int offset) {

	public AuditQuery {
		limit = Math.max(1, Math.min(limit, 1000));
		offset = Math.max(0, offset);
	}

}
