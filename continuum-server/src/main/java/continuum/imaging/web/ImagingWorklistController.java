package continuum.imaging.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.imaging.ImagingCatalogue;
import continuum.imaging.ProcedureStepService;
import continuum.imaging.WorklistEntry;
import continuum.imaging.WorklistQuery;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.security.AccessControl;
import continuum.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /imaging/worklist}: the radiographers' day, per modality (and so per room and
 * station AE title): every step of the day in start order with the patient, procedure,
 * accession number, station and status, and the buttons a radiographer uses when the
 * modality sends no MPPS (start, complete, discontinue). For radiographers
 * ({@link Role#performsImaging}); others get 403, audited.
 */
@Controller
class ImagingWorklistController {

	private final ProcedureStepService steps;

	private final ImagingCatalogue catalogue;

	private final AccessControl access;

	private final AuditService audit;

	private final Clock clock;

	ImagingWorklistController(ProcedureStepService steps, ImagingCatalogue catalogue, AccessControl access,
			AuditService audit, Clock clock) {
		this.steps = steps;
		this.catalogue = catalogue;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping("/imaging/worklist")
	String worklist(@RequestParam(required = false) @Nullable String modality,
			@RequestParam(required = false) @Nullable String date, Model model) {
		requireRadiographer();
		LocalDate day = day(date);
		String chosen = modality == null || modality.isBlank() ? null : modality.strip();
		Instant from = day.atStartOfDay(ImagingChartController.ZONE).toInstant();
		Instant to = day.plusDays(1).atStartOfDay(ImagingChartController.ZONE).toInstant();
		List<WorklistEntry> entries = steps
			.worklist(WorklistQuery.between(from, to, "worklist page").withModality(chosen));
		model.addAttribute("entries", entries);
		model.addAttribute("modalities", catalogue.modalities());
		model.addAttribute("modality", chosen);
		model.addAttribute("day", day);
		model.addAttribute("zone", ImagingChartController.ZONE);
		return "imaging/worklist";
	}

	@PostMapping("/imaging/steps/{id:\\d+}/{action:start|complete|discontinue}")
	String change(@PathVariable long id, @PathVariable String action,
			@RequestParam(required = false) @Nullable String modality,
			@RequestParam(required = false) @Nullable String date, RedirectAttributes redirect) {
		requireRadiographer();
		try {
			switch (action) {
				case "start" -> steps.start(id, null);
				case "complete" -> steps.complete(id);
				default -> steps.discontinue(id);
			}
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		redirect.addAttribute("modality", modality == null ? "" : modality);
		redirect.addAttribute("date", date == null ? "" : date);
		return "redirect:/imaging/worklist";
	}

	private LocalDate day(@Nullable String date) {
		if (date == null || date.isBlank()) {
			return LocalDate.now(clock.withZone(ImagingChartController.ZONE));
		}
		try {
			return LocalDate.parse(date.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("The date is not a date (yyyy-MM-dd)");
		}
	}

	private void requireRadiographer() {
		Role role = access.currentRole();
		if (role == null || !role.performsImaging()) {
			audit.recordDenial(AuditEntry.denied(AuditAction.SEARCH, "ServiceRequest", null, null,
					"imaging worklist page is not open to this role"));
			throw new AccessDeniedException("The imaging worklist is not open to this role");
		}
	}

}
