package continuum.audit;

import java.time.Instant;

import continuum.fhir.SearchControls;
import org.jspecify.annotations.Nullable;

/**
 * Criteria for reading the audit log; {@code null} means "any". {@code controls} carry
 * the parameters every FHIR type has ({@code _id}, {@code _lastUpdated}: when recorded,
 * as an entry never changes; {@code _sort}).
 */
public record AuditQuery(@Nullable String patientId, @Nullable String username, @Nullable Instant from,
		@Nullable Instant to, int limit, int offset, SearchControls controls) {

	public AuditQuery(@Nullable String patientId, @Nullable String username, @Nullable Instant from,
			@Nullable Instant to, int limit, int offset) {
		this(patientId, username, from, to, limit, offset, SearchControls.NONE);
	}

	public AuditQuery {
		limit = Math.max(1, Math.min(limit, 1000));
		offset = Math.max(0, offset);
	}

}
