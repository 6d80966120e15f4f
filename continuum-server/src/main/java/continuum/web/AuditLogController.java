package continuum.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.audit.AuditQuery;
import continuum.audit.AuditRecord;
import continuum.audit.AuditService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log for auditors: who did what to whose data, filtered by patient (MRN or
 * id), user and days, newest first; and a check of the whole hash chain (auditors and
 * administrators). Every search of the log is itself audited, by {@link AuditService}.
 */
@Controller
class AuditLogController {

	static final int PAGE = 50;

	private final AuditService audit;

	private final PatientService patients;

	AuditLogController(AuditService audit, PatientService patients) {
		this.audit = audit;
		this.patients = patients;
	}

	@GetMapping("/audit")
	String log(@RequestParam(defaultValue = "") String patient, @RequestParam(defaultValue = "") String user,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			@RequestParam(defaultValue = "0") int page, Model model, HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		String patientId = patientId(patient, errors);
		Instant start = day(from, "from", errors).map(d -> d.atStartOfDay(ChartController.HOSPITAL_ZONE).toInstant())
			.orElse(null);
		Instant end = day(to, "to", errors)
			.map(d -> d.plusDays(1).atStartOfDay(ChartController.HOSPITAL_ZONE).toInstant())
			.orElse(null);
		if (start != null && end != null && !end.isAfter(start)) {
			errors.put("to", "The last day is before the first.");
		}
		int offset = Math.max(0, page) * PAGE;
		List<AuditRecord> entries = List.of();
		if (errors.isEmpty()) {
			// One more than a page: whether there is an older page.
			entries = audit
				.find(new AuditQuery(patientId, user.isBlank() ? null : user.strip(), start, end, PAGE + 1, offset));
		}
		else {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		}
		model.addAttribute("entries", entries.subList(0, Math.min(PAGE, entries.size())));
		model.addAttribute("older", entries.size() > PAGE);
		model.addAttribute("page", Math.max(0, page));
		model.addAttribute("first", offset + 1);
		model.addAttribute("filters", Map.of("patient", patient, "user", user, "from", from, "to", to));
		model.addAttribute("errors", errors);
		model.addAttribute("zone", ChartController.HOSPITAL_ZONE);
		return "web/audit";
	}

	/**
	 * Recomputes the hash chain of the whole log and says whether any row was changed,
	 * removed or reordered.
	 */
	@PostMapping("/audit/verify")
	String verify(Model model) {
		model.addAttribute("verification", audit.verifyForCaller());
		return "web/auditVerification";
	}

	/** The patient id the filter names (an MRN or an id), or null for all patients. */
	private @Nullable String patientId(String text, Map<String, String> errors) {
		String value = text.strip();
		if (value.isEmpty()) {
			return null;
		}
		Optional<PatientId> byMrn = patients.idOfMrn(value);
		if (byMrn.isPresent()) {
			return byMrn.get().asString();
		}
		if (value.chars().allMatch(Character::isDigit) && value.length() <= 18) {
			return value;
		}
		errors.put("patient", "Enter a patient's MRN or id, digits only.");
		return null;
	}

	private static Optional<LocalDate> day(String text, String field, Map<String, String> errors) {
		if (text.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalDate.parse(text.strip()));
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "Enter the day as YYYY-MM-DD, e.g. 2026-11-26.");
			return Optional.empty();
		}
	}

}
