package continuum.downtime.viewer;

import java.security.Principal;
import java.time.Clock;

import continuum.downtime.sync.SyncStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page its freshness line and the signed-in user's name. */
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
