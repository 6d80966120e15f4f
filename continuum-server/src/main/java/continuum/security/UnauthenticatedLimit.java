package continuum.security;

import java.io.IOException;
import java.time.Duration;

import continuum.audit.Actor;
import continuum.audit.AuditAction;
import continuum.security.RateLimiter.Limit;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/**
 * The {@code unauthenticated} limit: every request refused for lack of valid credentials
 * (no credentials, or a bearer token refused) takes a token from its source address's
 * bucket; once it is empty the address gets 429 instead of 401 or the sign-in page, and a
 * refused token is no longer audited one by one, so that nobody floods the audit log with
 * such requests. Called where the refusal is decided: the entry points and the bearer
 * token filter.
 */
@Component
class UnauthenticatedLimit {

	private final RateLimiter limiter;

	UnauthenticatedLimit(RateLimiter limiter) {
		this.limiter = limiter;
	}

	/** Whether the request was answered with 429 (and must not be answered again). */
	boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String address = SourceAddress.key(request.getRemoteAddr());
		Duration wait = limiter.take(Limit.UNAUTHENTICATED, address);
		if (wait.isZero()) {
			return false;
		}
		limiter.refused(Limit.UNAUTHENTICATED, address, new Actor("anonymous", null, request.getRemoteAddr()),
				AuditAction.LOGIN, wait);
		try {
			TooManyRequests.send(request, response, wait);
		}
		catch (ServletException ex) {
			throw new IOException(ex);
		}
		return true;
	}

}
