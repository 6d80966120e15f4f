package continuum.security.web;

import java.util.List;
import java.util.Optional;

import continuum.security.SecondFactorService;
import continuum.security.SecondFactorService.PendingEnrolment;
import continuum.security.SecondFactorSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of the web sign-in, after a right password
 * ({@link SecondFactorSignIn}): the code of the authenticator app or a recovery code; or,
 * where a second factor is required and not yet set up, setting up an authenticator
 * before anything else. Without a pending sign-in these pages send the browser back to
 * the password.
 */
@Controller
class SecondFactorLoginController {

	private static final String VIEW = "web/secondFactorLogin";

	private final SecondFactorService secondFactors;

	private final SecondFactorSignIn signIn;

	SecondFactorLoginController(SecondFactorService secondFactors, SecondFactorSignIn signIn) {
		this.secondFactors = secondFactors;
		this.signIn = signIn;
	}

	@GetMapping(SecondFactorSignIn.CODE_PATH)
	String codeForm(HttpServletRequest request, Model model) {
		if (signIn.pending(request, false).isEmpty()) {
			return "redirect:/login";
		}
		model.addAttribute("mode", "code");
		return VIEW;
	}

	@PostMapping(SecondFactorSignIn.CODE_PATH)
	String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Optional<String> username = signIn.pending(request, false);
		if (username.isEmpty()) {
			return "redirect:/login";
		}
		switch (secondFactors.verify(username.get(), code, "web sign-in")) {
			case ACCEPTED, RECOVERY_CODE_ACCEPTED -> {
				return "redirect:" + signIn.complete(request, response);
			}
			case REFUSED -> {
				signIn.abandon(request);
				return "redirect:/login?error";
			}
			default -> {
				response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
				model.addAttribute("mode", "code");
				model.addAttribute("error", "The code is wrong, out of time or was used already. Repeated mistakes "
						+ "lock the account, as wrong passwords do.");
				return VIEW;
			}
		}
	}

	@GetMapping(SecondFactorSignIn.ENROL_PATH)
	String enrolForm(HttpServletRequest request, Model model) {
		Optional<String> username = signIn.pending(request, true);
		if (username.isEmpty()) {
			return "redirect:/login";
		}
		return enrolPage(username.get(), enrolment(request, username.get()), null, model);
	}

	@PostMapping(SecondFactorSignIn.ENROL_PATH)
	String enrol(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Optional<String> username = signIn.pending(request, true);
		if (username.isEmpty()) {
			return "redirect:/login";
		}
		PendingEnrolment enrolment = enrolment(request, username.get());
		Optional<List<String>> codes = secondFactors.confirm(username.get(), enrolment, code);
		if (codes.isEmpty()) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return enrolPage(username.get(), enrolment, "The code does not match: check the app's clock, and type "
					+ "the code it shows now for Continuum.", model);
		}
		request.getSession().removeAttribute(SecondFactorAccountController.ENROLMENT);
		model.addAttribute("next", signIn.complete(request, response));
		model.addAttribute("mode", "codes");
		model.addAttribute("codes", codes.get());
		return VIEW;
	}

	private String enrolPage(String username, PendingEnrolment enrolment, @Nullable String error, Model model) {
		model.addAttribute("mode", "enrol");
		model.addAttribute("key", secondFactors.key(username, enrolment));
		model.addAttribute("error", error);
		return VIEW;
	}

	/** The authenticator being set up in this session, or a new one. */
	static PendingEnrolment enrolment(HttpServletRequest request, String username, SecondFactorService secondFactors) {
		HttpSession session = request.getSession();
		if (session.getAttribute(SecondFactorAccountController.ENROLMENT) instanceof PendingEnrolment pending) {
			return pending;
		}
		PendingEnrolment pending = secondFactors.begin(username);
		session.setAttribute(SecondFactorAccountController.ENROLMENT, pending);
		return pending;
	}

	private PendingEnrolment enrolment(HttpServletRequest request, String username) {
		return enrolment(request, username, secondFactors);
	}

}
