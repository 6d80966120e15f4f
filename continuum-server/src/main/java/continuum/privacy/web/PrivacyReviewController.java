package continuum.privacy.web;

import java.time.ZoneId;

import continuum.privacy.PrivacyReviewService;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The privacy officer's pages: the review queue of break-the-glass accesses (open or
 * closed), one access with its review form, and the home page that leads to the access
 * report.
 */
@Controller
class PrivacyReviewController {

	static final ZoneId HOSPITAL_ZONE = ZoneId.of("Europe/Brussels");

	private final PrivacyReviewService reviews;

	PrivacyReviewController(PrivacyReviewService reviews) {
		this.reviews = reviews;
	}

	@GetMapping("/privacy/reviews")
	String queue(@RequestParam(defaultValue = "open") String status, Model model) {
		boolean open = !"closed".equals(status);
		model.addAttribute("open", open);
		model.addAttribute("accesses", reviews.queue(open));
		model.addAttribute("zone", HOSPITAL_ZONE);
		return "privacy/reviews";
	}

	@GetMapping("/privacy/reviews/{id:\\d+}")
	String access(@PathVariable long id, Model model) {
		model.addAttribute("access", reviews.get(id));
		model.addAttribute("zone", HOSPITAL_ZONE);
		return "privacy/review";
	}

	@PostMapping("/privacy/reviews/{id:\\d+}")
	String review(@PathVariable long id, @RequestParam(required = false) @Nullable String finding,
			@RequestParam(required = false) @Nullable String comment) {
		if (!"justified".equals(finding) && !"not-justified".equals(finding)) {
			throw new continuum.platform.InvalidInputException("Choose justified or not justified");
		}
		reviews.review(id, "justified".equals(finding), comment);
		return "redirect:/privacy/reviews?status=open";
	}

}
