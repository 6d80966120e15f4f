package continuum.privacy.web;

import java.util.Arrays;
import java.util.Map;

import continuum.patients.PatientId;
import continuum.platform.InvalidInputException;
import continuum.privacy.BreakGlass;
import continuum.privacy.BreakGlassReason;
import continuum.privacy.BreakGlassService;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Break-the-glass for API users: {@code POST /api/break-the-glass} with form fields
 * {@code patient} (id), {@code reason} (a {@link BreakGlassReason} code) and
 * {@code explanation}; answers the access's id and end. The same service as the web page:
 * same checks, same audit, same review.
 */
@RestController
class BreakGlassApiController {

	private final BreakGlassService glasses;

	BreakGlassApiController(BreakGlassService glasses) {
		this.glasses = glasses;
	}

	@PostMapping("/api/break-the-glass")
	Map<String, Object> breakGlass(@RequestParam(required = false) @Nullable String patient,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String explanation) {
		if (patient == null || !patient.matches("\\d{1,18}")) {
			throw new InvalidInputException("patient: the id of a patient");
		}
		BreakGlassReason chosen = Arrays.stream(BreakGlassReason.values())
			.filter(r -> r.name().equals(reason))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException(
					"reason: one of " + Arrays.toString(BreakGlassReason.values()).replaceAll("[\\[\\] ]", "")));
		BreakGlass glass = glasses.breakGlass(new PatientId(Long.parseLong(patient)), chosen, explanation);
		return Map.of("id", glass.id(), "patient", glass.patient().asString(), "reason", glass.reason().name(),
				"expires_at", glass.expiresAt().toString());
	}

}
