package continuum.scheduling.bulk;

import java.time.Duration;
import java.time.Instant;

import continuum.platform.InvalidInputException;
import continuum.scheduling.RescheduleCause;
import continuum.scheduling.ScheduleId;
import org.jspecify.annotations.Nullable;

/**
 * What to reschedule: the booked appointments of the scope starting in
 * {@code [from, to)}, to slots starting at {@code notBefore} or later (the end of the
 * window when not given), for the reason kept on the cancelled appointments; the
 * {@code cause} decides the words of the patients' messages (a technical outage is named
 * as such). Self-validating; messages name fields, never values.
 */
public record RescheduleRequest(RescheduleScope scope, @Nullable ScheduleId schedule, @Nullable String department,
		Instant from, Instant to, Instant notBefore, String reason, RescheduleCause cause) {

	/** The longest window one batch may cover. */
	static final Duration LONGEST_WINDOW = Duration.ofDays(31);

	/** A routine rescheduling (a device broke, a physician is ill). */
	public RescheduleRequest(RescheduleScope scope, @Nullable ScheduleId schedule, @Nullable String department,
			Instant from, Instant to, @Nullable Instant notBefore, String reason) {
		this(scope, schedule, department, from, to, notBefore, reason, RescheduleCause.ROUTINE);
	}

	public RescheduleRequest {
		if (scope == null) {
			throw new InvalidInputException("Choose what to reschedule: a resource, a department or everything");
		}
		if (scope == RescheduleScope.RESOURCE && schedule == null) {
			throw new InvalidInputException("Choose the resource whose appointments to reschedule");
		}
		if (scope == RescheduleScope.DEPARTMENT && (department == null || department.isBlank())) {
			throw new InvalidInputException("Choose the department whose appointments to reschedule");
		}
		if (from == null || to == null || !to.isAfter(from)) {
			throw new InvalidInputException("The window needs a start and an end after it");
		}
		if (Duration.between(from, to).compareTo(LONGEST_WINDOW) > 0) {
			throw new InvalidInputException("The window is longer than 31 days; split it");
		}
		if (notBefore == null) {
			notBefore = to;
		}
		if (reason == null || reason.isBlank() || reason.length() > 200) {
			throw new InvalidInputException("A bulk rescheduling needs a reason of 1 to 200 characters");
		}
		reason = reason.strip();
		if (cause == null) {
			cause = RescheduleCause.ROUTINE;
		}
		department = scope == RescheduleScope.DEPARTMENT ? department.strip() : null;
		schedule = scope == RescheduleScope.RESOURCE ? schedule : null;
	}

}
