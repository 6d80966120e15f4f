package continuum.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The acting user, for modules that record who did something (the audit log, who booked
 * an appointment): the one place that reads Spring Security's context and the servlet
 * request for it. Inject it; nothing looks the user up statically.
 */
@Component
public class CurrentUser {

	private static final String ANONYMOUS = "anonymousUser";

	private final StaffRepository staff;

	CurrentUser(StaffRepository staff) {
		this.staff = staff;
	}

	/** Who is acting now. */
	public ActingUser get() {
		Authentication authentication = authentication();
		String address = remoteAddress();
		ActingUser.Origin origin = inRequest() ? ActingUser.Origin.REQUEST : ActingUser.Origin.JOB;
		if (authentication == null) {
			return origin == ActingUser.Origin.JOB ? ActingUser.SERVER
					: new ActingUser(ActingUser.Kind.ANONYMOUS, "anonymous", null, origin, address);
		}
		Role role = role(authentication);
		ActingUser.Kind kind = role == Role.SYSTEM ? ActingUser.Kind.SYSTEM : ActingUser.Kind.PERSON;
		return new ActingUser(kind, authentication.getName(), role, origin, address);
	}

	/**
	 * Runs the work as the server itself, on the caller's thread and so in the caller's
	 * transaction: the access check allows it and the audit log records the actor
	 * {@code system}. For a module that reads data for itself, whatever the role of the
	 * user whose action caused it (notifications read a patient's contact data to send a
	 * booking's confirmation).
	 */
	public <T> T asServer(Supplier<T> work) {
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

	/**
	 * The {@code system/} scopes of the caller's token when it is a system client's
	 * (SMART Backend Services: client credentials with a signed assertion, the only grant
	 * that issues {@code system/} scopes); empty for anyone else, a SYSTEM account signed
	 * in with a password included.
	 */
	public List<String> backendScopes() {
		Authentication authentication = authentication();
		if (authentication == null || role(authentication) != Role.SYSTEM
				|| authentication.getAuthorities().stream().noneMatch(a -> "TOKEN".equals(a.getAuthority()))) {
			return List.of();
		}
		List<String> scopes = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(a -> a != null && a.startsWith("SCOPE_system/"))
			.map(a -> a.substring(6))
			.toList();
		return scopes;
	}

	/**
	 * The rights of the signed-in caller, to act on their behalf later
	 * ({@link #actingAs}); refused for the server itself and anonymous callers.
	 */
	public ActingRights rights() {
		Authentication authentication = authentication();
		Role role = authentication == null ? null : role(authentication);
		if (authentication == null || role == null) {
			throw new AccessDeniedException("Only a signed-in account acts through rights kept for later");
		}
		return new ActingRights(authentication.getName(), role, scopes(authentication), token(authentication));
	}

	/**
	 * Runs the work on the caller's thread as the account of {@code rights} would, with
	 * the role the account has now and, for a token, no more than its scopes: the access
	 * check, the restricted-record rule and the audit log all see that account (outside
	 * any request). Refused with {@link AccessDeniedException} when the account is gone
	 * or disabled.
	 */
	public <T> T actingAs(ActingRights rights, Supplier<T> work) {
		StaffMember account = staff.credentials(rights.username())
			.map(StaffRepository.Credentials::member)
			.filter(StaffMember::enabled)
			.orElseThrow(() -> new AccessDeniedException("Account " + rights.username() + " is disabled or gone"));
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("ROLE_" + account.role().name()));
		if (rights.token()) {
			authorities.add(new SimpleGrantedAuthority("TOKEN"));
			rights.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
		}
		SecurityContext previous = SecurityContextHolder.getContext();
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		SecurityContext acting = SecurityContextHolder.createEmptyContext();
		acting.setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated(account.username(), null, authorities));
		RequestContextHolder.resetRequestAttributes();
		SecurityContextHolder.setContext(acting);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
			RequestContextHolder.setRequestAttributes(request);
		}
	}

	/**
	 * Whether the acting user's role allows the interaction on the resource type, and an
	 * API token's scopes too; the server's own work outside any request always may.
	 */
	boolean allows(String resourceType, Interaction interaction) {
		Authentication authentication = authentication();
		if (authentication == null) {
			return !inRequest();
		}
		Role role = role(authentication);
		if (role == null || !role.allows(resourceType, interaction)) {
			return false;
		}
		if (!token(authentication)) {
			return true;
		}
		List<String> scopes = scopes(authentication);
		if (launchPatient(authentication) == null) {
			// A patient/ scope reaches only the patient in context: without one, nothing.
			scopes = scopes.stream().filter(s -> !s.startsWith(PATIENT_SCOPE)).toList();
		}
		return Scopes.allows(scopes, resourceType, interaction);
	}

	private static final String PATIENT_SCOPE = "patient/";

	/**
	 * The patient a SMART app's token is limited to for this interaction: the patient in
	 * its launch context, when only its {@code patient/} scopes allow the interaction on
	 * the type (a {@code user/} scope that allows it reaches whatever the user may). Null
	 * for every other caller.
	 */
	public @Nullable String patientContext(String resourceType, Interaction interaction) {
		Authentication authentication = authentication();
		if (authentication == null) {
			return null;
		}
		String patient = launchPatient(authentication);
		if (patient == null) {
			return null;
		}
		List<String> wider = scopes(authentication).stream().filter(s -> !s.startsWith(PATIENT_SCOPE)).toList();
		return Scopes.allows(wider, resourceType, interaction) ? null : patient;
	}

	private static List<String> scopes(Authentication authentication) {
		return authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(a -> a != null && a.startsWith("SCOPE_"))
			.map(a -> a.substring(6))
			.toList();
	}

	private static boolean token(Authentication authentication) {
		return authentication.getAuthorities().stream().anyMatch(a -> "TOKEN".equals(a.getAuthority()));
	}

	private static @Nullable String launchPatient(Authentication authentication) {
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith(TokenService.PATIENT_AUTHORITY)) {
				return name.substring(TokenService.PATIENT_AUTHORITY.length());
			}
		}
		return null;
	}

	/** The signed-in principal, or null for the server itself and anonymous callers. */
	private static @Nullable Authentication authentication() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated() || ANONYMOUS.equals(authentication.getName())) {
			return null;
		}
		return authentication;
	}

	private static @Nullable Role role(Authentication authentication) {
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith("ROLE_")) {
				try {
					return Role.valueOf(name.substring(5));
				}
				catch (IllegalArgumentException ignored) {
					// not one of ours
				}
			}
		}
		return null;
	}

	private static boolean inRequest() {
		return RequestContextHolder.getRequestAttributes() != null;
	}

	private static @Nullable String remoteAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getRemoteAddr();
		}
		return null;
	}

}
