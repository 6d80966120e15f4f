package continuum.security.web;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

import continuum.security.SecondFactorService;
import continuum.security.SecondFactorService.PendingEnrolment;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Every signed-in user's own second factor: set up an authenticator app (its secret shown
 * as an {@code otpauth://} URI and in base32, confirmed with a first code; ten recovery
 * codes shown once), replace it (proving the current one), or turn it off where it is not
 * required.
 */
@Controller
@RequestMapping(SecondFactorAccountController.PATH)
class SecondFactorAccountController {

	static final String PATH = "/account/second-factor";

	/** The session attribute of an authenticator being set up (its secret sealed). */
	static final String ENROLMENT = SecondFactorAccountController.class.getName() + ".enrolment";

	private final SecondFactorService secondFactors;

	SecondFactorAccountController(SecondFactorService secondFactors) {
		this.secondFactors = secondFactors;
	}

	@GetMapping
	String page(@RequestParam(required = false) @Nullable String done, Principal principal, HttpServletRequest request,
			Model model) {
		model.addAttribute("done", done);
		return page(principal.getName(), request, Optional.empty(), null, model);
	}

	/**
	 * Starts setting up an authenticator; replacing one takes a code of the current one.
	 */
	@PostMapping("/begin")
	String begin(@RequestParam(defaultValue = "") String code, Principal principal, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		String username = principal.getName();
		if (secondFactors.status(username).enrolled()) {
			SecondFactorService.Verdict verdict = secondFactors.verify(username, code, "replacing the second factor");
			if (verdict != SecondFactorService.Verdict.ACCEPTED
					&& verdict != SecondFactorService.Verdict.RECOVERY_CODE_ACCEPTED) {
				response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
				return page(username, request, Optional.empty(),
						"To replace your authenticator, give a code of the current one (or a recovery code).", model);
			}
		}
		request.getSession().removeAttribute(ENROLMENT);
		SecondFactorLoginController.enrolment(request, username, secondFactors);
		return "redirect:" + PATH;
	}

	@PostMapping("/confirm")
	String confirm(@RequestParam(defaultValue = "") String code, Principal principal, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		HttpSession session = request.getSession();
		if (!(session.getAttribute(ENROLMENT) instanceof PendingEnrolment enrolment)) {
			return "redirect:" + PATH;
		}
		Optional<List<String>> codes = secondFactors.confirm(principal.getName(), enrolment, code);
		if (codes.isEmpty()) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return page(principal.getName(), request, Optional.empty(),
					"The code does not match: check the app's clock, and type the code it shows now for Continuum.",
					model);
		}
		session.removeAttribute(ENROLMENT);
		return page(principal.getName(), request, codes, null, model);
	}

	@PostMapping("/remove")
	String remove(@RequestParam(defaultValue = "") String code, Principal principal, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		if (secondFactors.removeOwn(principal.getName(), code)) {
			return "redirect:" + PATH + "?done=removed";
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return page(principal.getName(), request, Optional.empty(),
				"The code is wrong, out of time or was used already: the second factor stays on.", model);
	}

	private String page(String username, HttpServletRequest request, Optional<List<String>> codes,
			@Nullable String error, Model model) {
		HttpSession session = request.getSession(false);
		Object enrolment = session == null ? null : session.getAttribute(ENROLMENT);
		model.addAttribute("status", secondFactors.status(username));
		model.addAttribute("zone", StaffApprovalController.HOSPITAL_ZONE);
		model.addAttribute("key", enrolment instanceof PendingEnrolment pending && codes.isEmpty()
				? secondFactors.key(username, pending) : null);
		model.addAttribute("codes", codes.orElse(List.of()));
		model.addAttribute("error", error);
		if (!model.containsAttribute("done")) {
			model.addAttribute("done", null);
		}
		return "account/secondFactor";
	}

}
