package continuum.imaging.dimse;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A storage commitment report not yet delivered to its requestor, as the peers page shows
 * it: {@code state} is {@code pending} (retried in the background) or {@code failed}
 * (given up; retried only when an operator asks). Codes, UIDs and counts only.
 */
public record UndeliveredReport(long id, String aeTitle, String transactionUid, int committed, int failed, String state,
		int attempts, Instant createdAt, @Nullable Instant lastAttemptAt, Instant nextAttemptAt,
		@Nullable String lastError) {

	public boolean pending() {
		return "pending".equals(state);
	}

}
