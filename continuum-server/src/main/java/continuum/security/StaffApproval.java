package continuum.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A request under the two-person rule ({@link StaffApprovalService}): an act on a
 * privileged account, who asked for it and when it expires, and once decided, who decided
 * what. Never carries the requested password.
 */
public record StaffApproval(long id, Act act, @Nullable Long accountId, String username, Role role, String requestedBy,
		Instant requestedAt, Instant expiresAt, @Nullable Decision decision, @Nullable String decidedBy,
		@Nullable Instant decidedAt) {

	/** The acts on privileged accounts that take two administrators. */
	public enum Act {

		CREATE_ACCOUNT("create the account"), ENABLE_ACCOUNT("enable again the account"),
		RESET_PASSWORD("reset the password of"), RESET_SECOND_FACTOR("reset the second factor of");

		private final String words;

		Act(String words) {
			this.words = words;
		}

	}

	/** How a request ended. */
	public enum Decision {

		/** Approved by another administrator, and carried out. */
		APPROVED,
		/** Rejected by another administrator: nothing done. */
		REJECTED,
		/** Withdrawn by its requester: nothing done. */
		WITHDRAWN

	}

	/** Whether the request still waits for a decision at {@code now}. */
	public boolean open(Instant now) {
		return decision == null && now.isBefore(expiresAt);
	}

	/** "create the account j.claes (ADMIN)", for pages and the audit log. */
	public String describe() {
		return act.words + " " + username + " (" + role.name() + ")";
	}

}
