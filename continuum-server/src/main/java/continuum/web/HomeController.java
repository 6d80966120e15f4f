package continuum.web;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;

@Controller
class HomeController {

	@GetMapping("/")
	String home() {
		return "web/home";
	}

	/**
	 * The sign-in page; also, with a 429 status already set, what a sign-in refused by
	 * the abuse limits shows (forwarded here by the security module with the seconds to
	 * wait in {@code continuum.retryAfterSeconds}).
	 */
	@GetMapping("/login")
	String login(
			@RequestAttribute(name = "continuum.retryAfterSeconds", required = false) @Nullable Long retryAfterSeconds,
			Model model) {
		model.addAttribute("retryAfterSeconds", retryAfterSeconds);
		return "web/login";
	}

}
