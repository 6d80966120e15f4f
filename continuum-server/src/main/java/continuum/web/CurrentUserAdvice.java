package continuum.web;

import java.security.Principal;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the signed-in user's name for the layout's sign-out form, since
 * Thymeleaf 3.1 no longer exposes {@code #request} to templates.
 */
@ControllerAdvice
class CurrentUserAdvice {

	@ModelAttribute("currentUsername")
	@Nullable String currentUsername(@Nullable Principal principal) {
		return principal == null ? null : principal.getName();
	}

}
