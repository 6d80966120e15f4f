package continuum.security.web;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import continuum.security.NewStaffMember;
import continuum.security.StaffService;
import continuum.security.StaffService.PasswordChange;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Every signed-in user's own password: they prove the current one and choose a new one,
 * which ends their other sessions and their API tokens. A user whose password an
 * administrator chose is sent here by {@link PasswordChangeGate} before anything else.
 */
@Controller
@RequestMapping(AccountController.PATH)
class AccountController {

	static final String PATH = "/account/password";

	private final StaffService staff;

	AccountController(StaffService staff) {
		this.staff = staff;
	}

	/**
	 * The page; also, with a 429 status already set, what a password change refused by
	 * the abuse limits shows (forwarded here with the seconds to wait in
	 * {@code retryAfterSeconds}).
	 */
	@GetMapping
	String form(@RequestParam(required = false) String done, @RequestParam(required = false) String ended,
			@RequestAttribute(name = "continuum.retryAfterSeconds", required = false) Long retryAfterSeconds,
			Principal principal, Model model) {
		model.addAttribute("ended", ended != null);
		if (retryAfterSeconds != null) {
			return page(false, Map.of("current", "Too many wrong passwords: the password was not checked. Try again in "
					+ retryAfterSeconds + " seconds."), principal, model);
		}
		return page(done != null, Map.of(), principal, model);
	}

	@PostMapping
	String change(@RequestParam(defaultValue = "") String current, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String confirm, Principal principal, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (current.isEmpty()) {
			errors.put("current", "Enter your current password.");
		}
		StaffController.checkPassword(password, confirm, principal.getName(), errors);
		if (errors.isEmpty()) {
			HttpSession session = request.getSession(false);
			PasswordChange outcome = staff.changeOwnPassword(current, password,
					session == null ? null : session.getId());
			switch (outcome) {
				case CHANGED -> {
					// A new session id with the new password: an id seen before the
					// change opens nothing.
					request.changeSessionId();
					return "redirect:" + PATH + "?done";
				}
				case WRONG_CURRENT_PASSWORD -> errors.put("current",
						"The current password is wrong. Repeated mistakes lock the account, as at sign-in.");
				case SAME_PASSWORD -> errors.put("password", "Choose a password other than the current one.");
				case LOCKED -> errors.put("current",
						"The account is locked after repeated wrong passwords. Wait, or ask an administrator.");
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		model.addAttribute("ended", false);
		return page(false, errors, principal, model);
	}

	/** Signs the user out of every other session and ends their API tokens. */
	@PostMapping("/sessions")
	String endOtherSessions(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		staff.endOtherSessions(session == null ? null : session.getId());
		return "redirect:" + PATH + "?ended";
	}

	private String page(boolean done, Map<String, String> errors, Principal principal, Model model) {
		model.addAttribute("done", done);
		model.addAttribute("required", staff.passwordChangeRequired(principal.getName()));
		model.addAttribute("errors", errors);
		model.addAttribute("minimumPassword", NewStaffMember.MINIMUM_PASSWORD);
		return "account/password";
	}

}
