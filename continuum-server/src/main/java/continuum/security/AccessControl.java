package continuum.security;

import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The access check every module's service makes before touching data: the caller's role
 * must allow the interaction on the resource type, and an API token's scopes must too. A
 * refusal is audited (in its own transaction, so it survives the rollback of the refused
 * request) and thrown as {@link AccessDeniedException}.
 */
@Component
public class AccessControl {

	private final AuditService audit;

	AccessControl(AuditService audit) {
		this.audit = audit;
	}

	public void require(String resourceType, Interaction interaction, @Nullable String resourceId,
			@Nullable String patientId) {
		if (allows(resourceType, interaction)) {
			return;
		}
		audit.recordDenial(AuditEntry.denied(action(interaction), resourceType, resourceId, patientId,
				"role or scope does not allow " + interaction.name().toLowerCase() + " on " + resourceType));
		throw new AccessDeniedException(
				"Not allowed to " + interaction.name().toLowerCase() + " " + resourceType + " in this role");
	}

	/**
	 * Whether the current caller may; internal callers outside any request (seeding,
	 * jobs) always may.
	 */
	public boolean allows(String resourceType, Interaction interaction) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			return RequestContextHolder.getRequestAttributes() == null;
		}
		Role role = role(authentication);
		if (role == null || !role.allows(resourceType, interaction)) {
			return false;
		}
		List<String> scopes = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(a -> a != null && a.startsWith("SCOPE_"))
			.map(a -> a.substring(6))
			.toList();
		boolean token = authentication.getAuthorities().stream().anyMatch(a -> "TOKEN".equals(a.getAuthority()));
		return !token || Scopes.allows(scopes, resourceType, interaction);
	}

	/** The role of the current caller, if any. */
	public @Nullable Role currentRole() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null ? null : role(authentication);
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

	private static AuditAction action(Interaction interaction) {
		return switch (interaction) {
			case CREATE -> AuditAction.CREATE;
			case READ -> AuditAction.READ;
			case UPDATE -> AuditAction.UPDATE;
			case DELETE -> AuditAction.DELETE;
			case SEARCH -> AuditAction.SEARCH;
		};
	}

}
