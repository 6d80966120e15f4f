package continuum.privacy.web;

import java.util.Arrays;

import continuum.patients.PatientId;
import continuum.platform.InvalidInputException;
import continuum.privacy.BreakGlassReason;
import continuum.privacy.BreakGlassService;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a user sees instead of a restricted chart they have no care relationship with:
 * a reason from the list and their own words, then the chart for the setting's duration,
 * under a banner.
 */
@Controller
class BreakGlassController {

	private final BreakGlassService glasses;

	BreakGlassController(BreakGlassService glasses) {
		this.glasses = glasses;
	}

	@GetMapping("/patients/{id:\\d+}/break-the-glass")
	String form(@PathVariable long id, Model model) {
		model.addAttribute("patientId", id);
		model.addAttribute("reasons", BreakGlassReason.values());
		model.addAttribute("hours", glasses.duration().toMinutes() / 60.0);
		return "privacy/breakGlass";
	}

	@PostMapping("/patients/{id:\\d+}/break-the-glass")
	String breakGlass(@PathVariable long id, @RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String explanation, Model model) {
		BreakGlassReason chosen = Arrays.stream(BreakGlassReason.values())
			.filter(r -> r.name().equals(reason))
			.findFirst()
			.orElse(null);
		try {
			if (chosen == null) {
				throw new InvalidInputException("Choose a reason from the list");
			}
			glasses.breakGlass(new PatientId(id), chosen, explanation);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("explanation", explanation);
			model.addAttribute("chosen", reason);
			return form(id, model);
		}
		return "redirect:/patients/" + id;
	}

}
