package continuum.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import continuum.audit.AuditQuery;
import continuum.audit.AuditRecord;
import continuum.audit.AuditService;
import continuum.fhir.ResourceIds;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import continuum.security.Role;
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
 * administrators: administrators see only the check, since the entries say who opened
 * which patient's record). Every search of the log is itself audited, by
 * {@link AuditService}.
 */
@Controller
class AuditLogController {

	static final int PAGE = 50;

	/** The most entries one export holds. */
	static final int EXPORT_MAX = 50_000;

	private static final int EXPORT_PAGE = 1000;

	private final AuditService audit;

	private final PatientService patients;

	private final AccessControl access;

	private final Clock clock;

	AuditLogController(AuditService audit, PatientService patients, AccessControl access, Clock clock) {
		this.audit = audit;
		this.patients = patients;
		this.access = access;
		this.clock = clock;
	}

	@GetMapping("/audit")
	String log(@RequestParam(defaultValue = "") String patient, @RequestParam(defaultValue = "") String user,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			@RequestParam(defaultValue = "0") int page, Model model, HttpServletResponse response) {
		boolean readsLog = access.allows("AuditEvent", Interaction.SEARCH);
		model.addAttribute("readsLog", readsLog);
		Role role = access.currentRole();
		if (!readsLog && role != null && role.verifiesAuditChain()) {
			return "web/audit";
		}
		Map<String, String> errors = new LinkedHashMap<>();
		Selection selection = select(patient, user, from, to, errors);
		int offset = Math.max(0, page) * PAGE;
		List<AuditRecord> entries = List.of();
		if (errors.isEmpty()) {
			// One more than a page: whether there is an older page.
			entries = audit.find(selection.query(selection.end(), PAGE + 1, offset));
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
	/**
	 * The entries the filters select, newest first, as CSV for a report (at most
	 * {@link #EXPORT_MAX}); each page read is audited like a search on the page. Cells
	 * that a spreadsheet would take for a formula are prefixed with an apostrophe.
	 */
	@GetMapping(path = "/audit/export.csv")
	void export(@RequestParam(defaultValue = "") String patient, @RequestParam(defaultValue = "") String user,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			HttpServletResponse response) throws java.io.IOException {
		Map<String, String> errors = new LinkedHashMap<>();
		Selection selection = select(patient, user, from, to, errors);
		if (!errors.isEmpty()) {
			response.sendError(HttpStatus.UNPROCESSABLE_CONTENT.value(), String.join(" ", errors.values()));
			return;
		}
		// A fixed end: pages read while the log grows must not shift.
		Instant until = selection.end() != null ? selection.end() : clock.instant();
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
		response.setHeader("Cache-Control", "no-store");
		java.io.PrintWriter out = response.getWriter();
		out.print("recorded_at,username,role,action,resource_type,resource_id,patient_id,outcome,address,detail\r\n");
		java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME
			.withZone(ChartController.HOSPITAL_ZONE);
		for (int offset = 0; offset < EXPORT_MAX; offset += EXPORT_PAGE) {
			List<AuditRecord> page = audit.find(selection.query(until, EXPORT_PAGE, offset));
			for (AuditRecord e : page) {
				out.print(String.join(",", csv(time.format(e.recordedAt())), csv(e.username()), csv(e.role()),
						csv(e.action().name()), csv(e.resourceType()), csv(e.resourceId()), csv(e.patientId()),
						csv(e.outcome().name()), csv(e.address()), csv(e.detail())));
				out.print("\r\n");
			}
			if (page.size() < EXPORT_PAGE) {
				break;
			}
		}
	}

	/** One CSV cell (RFC 4180), never read as a formula. */
	static String csv(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

	@PostMapping("/audit/verify")
	String verify(Model model) {
		model.addAttribute("verification", audit.verifyForCaller());
		return "web/auditVerification";
	}

	/**
	 * What the filters select: a patient id, a username, a time range (any may be open).
	 */
	private record Selection(@Nullable String patientId, @Nullable String username, @Nullable Instant start,
			@Nullable Instant end) {

		AuditQuery query(@Nullable Instant until, int limit, int offset) {
			return new AuditQuery(patientId, username, start, until, limit, offset);
		}

	}

	/** The filters as typed, checked; what is wrong goes into {@code errors}. */
	private Selection select(String patient, String user, String from, String to, Map<String, String> errors) {
		String patientId = patientId(patient, errors);
		Instant start = day(from, "from", errors).map(d -> d.atStartOfDay(ChartController.HOSPITAL_ZONE).toInstant())
			.orElse(null);
		Instant end = day(to, "to", errors)
			.map(d -> d.plusDays(1).atStartOfDay(ChartController.HOSPITAL_ZONE).toInstant())
			.orElse(null);
		if (start != null && end != null && !end.isAfter(start)) {
			errors.put("to", "The last day is before the first.");
		}
		return new Selection(patientId, user.isBlank() ? null : user.strip(), start, end);
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
		OptionalLong id = ResourceIds.parse(value);
		if (id.isPresent()) {
			return Long.toString(id.getAsLong());
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
