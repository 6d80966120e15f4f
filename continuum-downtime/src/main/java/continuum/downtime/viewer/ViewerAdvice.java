package continuum.downtime.viewer;

import java.security.Principal;
import java.time.Clock;

import continuum.downtime.sync.SyncStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page its freshness line, the signed-in user's name and whether theirs is a
 * demo account.
 */
@ControllerAdvice
class ViewerAdvice {

	private final SyncStatus status;

	private final Clock clock;

	ViewerAdvice(SyncStatus status, Clock clock) {
		this.status = status;
		this.clock = clock;
	}

	@ModelAttribute("freshness")
	Freshness freshness() {
		return Freshness.of(status, clock);
	}

	@ModelAttribute("currentUsername")
	@Nullable String currentUsername(@Nullable Principal principal) {
		return principal == null ? null : principal.getName();
	}

	/** Whether the signed-in user's account is a demo account (the top bar says so). */
	@ModelAttribute("demoAccount")
	boolean demoAccount(@Nullable Principal principal) {
		return principal instanceof org.springframework.security.core.Authentication user
				&& user.getAuthorities().stream().anyMatch(a -> StaffAccounts.DEMO_ACCOUNT.equals(a.getAuthority()));
	}

	@ModelAttribute("times")
	Times times() {
		return new Times(clock);
	}

	/** Local date-times for the templates. */
	record Times(Clock clock) {

		public String show(java.time.@Nullable OffsetDateTime time) {
			return time == null ? "" : Freshness.LOCAL.format(time.atZoneSameInstant(clock.getZone())).substring(0, 16);
		}

		public String date(java.time.@Nullable LocalDate date) {
			return date == null ? "" : java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(date);
		}
	}

}
