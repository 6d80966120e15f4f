package continuum.web;

import continuum.platform.DatabaseFailure;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the web edge answers a request that met a {@link DatabaseFailure}, through any
 * door: 503 with {@code Retry-After}, for a write the {@code Continuum-Write-Outcome}
 * header, and for people a page that says whether their last action may have been saved
 * (docs/operations.md, "Behaviour during a failover").
 */
final class DatabaseFailurePages {

	private DatabaseFailurePages() {
	}

	static void headers(HttpServletResponse response, DatabaseFailure failure, boolean write) {
		response.setHeader("Retry-After", Integer.toString(DatabaseFailure.RETRY_AFTER_SECONDS));
		if (write) {
			response.setHeader(DatabaseFailure.WRITE_OUTCOME_HEADER, failure.writeOutcome());
		}
	}

	static String heading(DatabaseFailure failure) {
		return failure == DatabaseFailure.OUTCOME_UNKNOWN ? "Your last action may not have been saved"
				: "Please try again in a few seconds";
	}

	static String message(DatabaseFailure failure, boolean write) {
		if (failure == DatabaseFailure.OUTCOME_UNKNOWN) {
			return "The system is switching to its standby database; your last action may not have been saved. "
					+ "Check before repeating it.";
		}
		return "The system cannot reach its database; it may be switching to its standby database."
				+ (write ? " Nothing was saved." : "") + " Try again in a few seconds.";
	}

}
