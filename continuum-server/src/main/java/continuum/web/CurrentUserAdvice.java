package continuum.web;

import java.security.Principal;

import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the signed-in user's name for the layout's sign-out form, since
 * Thymeleaf 3.1 no longer exposes {@code #request} to templates, and whether the user
 * manages staff accounts (the navigation's "Staff" link).
 */
@ControllerAdvice
class CurrentUserAdvice {

	private final AccessControl access;

	CurrentUserAdvice(AccessControl access) {
		this.access = access;
	}

	@ModelAttribute("currentUsername")
	@Nullable String currentUsername(@Nullable Principal principal) {
		return principal == null ? null : principal.getName();
	}

	@ModelAttribute("currentUserManagesPlaces")
	boolean currentUserManagesPlaces(@Nullable Principal principal) {
		return principal != null && access.allows("Location", Interaction.CREATE);
	}

	@ModelAttribute("currentUserAudits")
	boolean currentUserAudits(@Nullable Principal principal) {
		return principal != null && access.allows("AuditEvent", Interaction.SEARCH);
	}

	@ModelAttribute("currentUserAdministers")
	boolean currentUserAdministers(@Nullable Principal principal) {
		return principal != null && access.allows("Practitioner", Interaction.UPDATE);
	}

}
