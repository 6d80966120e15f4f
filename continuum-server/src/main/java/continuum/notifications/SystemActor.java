package continuum.notifications;

import java.util.function.Supplier;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Runs a piece of work as the system, on the caller's thread and so in the caller's
 * transaction. Outside any request and without a signed-in principal,
 * {@code AccessControl} allows and {@code AuditService} records the actor {@code system}:
 * the notification module reads a patient's contact data for itself, whatever the role of
 * the user whose booking caused the message (that user is recorded as the creator of the
 * message).
 */
final class SystemActor {

	private SystemActor() {
	}

	static <T> T call(Supplier<T> work) {
		SecurityContext security = SecurityContextHolder.getContext();
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		SecurityContextHolder.clearContext();
		RequestContextHolder.resetRequestAttributes();
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(security);
			RequestContextHolder.setRequestAttributes(request);
		}
	}

}
