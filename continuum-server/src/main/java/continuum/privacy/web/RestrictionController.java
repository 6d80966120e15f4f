package continuum.privacy.web;

import java.util.Arrays;

import continuum.patients.PatientId;
import continuum.platform.InvalidInputException;
import continuum.privacy.RestrictionKind;
import continuum.privacy.RestrictionService;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Restricting a patient's record, or lifting the restriction: privacy officers and
 * physicians (the service checks and audits).
 */
@Controller
class RestrictionController {

	private final RestrictionService restrictions;

	RestrictionController(RestrictionService restrictions) {
		this.restrictions = restrictions;
	}

	@GetMapping("/patients/{id:\\d+}/restriction")
	String form(@PathVariable long id, Model model) {
		if (!restrictions.mayRestrict()) {
			throw new org.springframework.security.access.AccessDeniedException(
					"Only privacy officers and physicians restrict records");
		}
		model.addAttribute("patientId", id);
		model.addAttribute("kinds", RestrictionKind.values());
		model.addAttribute("restriction", restrictions.of(new PatientId(id)).orElse(null));
		return "privacy/restriction";
	}

	@PostMapping("/patients/{id:\\d+}/restriction")
	String change(@PathVariable long id, @RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String lift) {
		PatientId patient = new PatientId(id);
		if (lift != null) {
			restrictions.lift(patient);
		}
		else {
			RestrictionKind chosen = Arrays.stream(RestrictionKind.values())
				.filter(k -> k.name().equals(kind))
				.findFirst()
				.orElseThrow(() -> new InvalidInputException("Choose why the record is restricted"));
			restrictions.restrict(patient, chosen);
		}
		return "redirect:/patients/" + id + "/restriction?done";
	}

}
