package continuum.security;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * The web sign-in's second step. A right password of an account that gives a second
 * factor does not sign the session in: the session only remembers, for five minutes,
 * whose password it was, and the browser goes to {@code /login/code} (or to
 * {@code /login/enrol} where a second factor is required but not set up). Nothing else —
 * no page, no API or DICOMweb request, no metrics scrape — takes such a session as signed
 * in; only {@link #complete}, once the code is right, does, under a new session id.
 */
@Component
public class SecondFactorSignIn implements AuthenticationSuccessHandler {

	/** Where a code is asked for. */
	public static final String CODE_PATH = "/login/code";

	/** Where a required second factor is set up at sign-in. */
	public static final String ENROL_PATH = "/login/enrol";

	static final Duration PENDING_LIFETIME = Duration.ofMinutes(5);

	private static final String PENDING = SecondFactorSignIn.class.getName() + ".pending";

	private final SecondFactorService secondFactors;

	private final Clock clock;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final SavedRequestAwareAuthenticationSuccessHandler signedIn = new SavedRequestAwareAuthenticationSuccessHandler();

	private final RequestCache requests = new HttpSessionRequestCache();

	SecondFactorSignIn(SecondFactorService secondFactors, Clock clock) {
		this.secondFactors = secondFactors;
		this.clock = clock;
		signedIn.setDefaultTargetUrl("/");
	}

	/** A right password, not yet a signed-in session where a second factor follows. */
	record Pending(Authentication authentication, Instant since, boolean enrol) implements Serializable {
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, jakarta.servlet.ServletException {
		SecondFactorService.AfterPassword next = secondFactors.afterPassword(authentication.getName());
		if (next == SecondFactorService.AfterPassword.SIGNED_IN) {
			signedIn.onAuthenticationSuccess(request, response, authentication);
			return;
		}
		SecurityContextHolder.clearContext();
		HttpSession session = request.getSession();
		session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		boolean enrol = next == SecondFactorService.AfterPassword.ENROL;
		session.setAttribute(PENDING, new Pending(authentication, clock.instant(), enrol));
		response.sendRedirect(request.getContextPath() + (enrol ? ENROL_PATH : CODE_PATH));
	}

	/**
	 * The username whose right password this session holds, waiting for a code
	 * ({@code enrol} false) or for an authenticator to be set up ({@code enrol} true), or
	 * empty (none, or older than five minutes: the password again).
	 */
	public Optional<String> pending(HttpServletRequest request, boolean enrol) {
		Pending pending = pending(request);
		if (pending == null || pending.enrol() != enrol) {
			return Optional.empty();
		}
		return Optional.of(pending.authentication().getName());
	}

	/**
	 * Signs the session in as the pending account, under a new session id, and answers
	 * where to go next: the page first asked for, or home.
	 */
	public String complete(HttpServletRequest request, HttpServletResponse response) {
		Pending pending = pending(request);
		if (pending == null) {
			throw new IllegalStateException("No sign-in waits for a second factor in this session");
		}
		request.getSession().removeAttribute(PENDING);
		request.changeSessionId();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(pending.authentication());
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		SavedRequest saved = requests.getRequest(request, response);
		requests.removeRequest(request, response);
		return saved == null ? "/" : saved.getRedirectUrl();
	}

	/** Forgets the pending sign-in (the account got locked, or the user gave up). */
	public void abandon(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(PENDING);
		}
	}

	private @Nullable Pending pending(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(PENDING) instanceof Pending pending)) {
			return null;
		}
		if (pending.since().plus(PENDING_LIFETIME).isBefore(clock.instant())) {
			session.removeAttribute(PENDING);
			return null;
		}
		return pending;
	}

}
