package continuum.imaging.web;

import java.util.List;

import continuum.imaging.ImagingReport;
import continuum.imaging.ImagingReportService;
import continuum.imaging.ImagingReportService.ReportText;
import continuum.imaging.ImagingReportVersion;
import continuum.imaging.ReportedProcedure;
import continuum.patients.PatientService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /imaging/reading/{procedure}}: the report of one requested procedure, its
 * history, and for radiologists the editor: save a draft, save preliminary, sign final,
 * and once signed amend (with a reason) or mark entered in error. The form carries the
 * version it was loaded at; a report changed meanwhile is refused (409) with the typed
 * text kept on the page, as is a refused input (422).
 */
@Controller
class ReportEditorController {

	private final ImagingReportService reports;

	private final PatientService patients;

	ReportEditorController(ImagingReportService reports, PatientService patients) {
		this.reports = reports;
		this.patients = patients;
	}

	@GetMapping("/imaging/reading/{procedure:\\d+}")
	String editor(@PathVariable long procedure, Model model) {
		return page(procedure, null, null, model);
	}

	@PostMapping("/imaging/reading/{procedure:\\d+}")
	String save(@PathVariable long procedure, @RequestParam String action,
			@RequestParam(required = false) @Nullable Integer version,
			@RequestParam(required = false, defaultValue = "") String findings,
			@RequestParam(required = false, defaultValue = "") String impression,
			@RequestParam(required = false) @Nullable String reason, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			ReportText text = new ReportText(findings, impression);
			ImagingReport saved = switch (action) {
				case "draft" -> reports.saveDraft(procedure, version, text);
				case "preliminary" -> reports.savePreliminary(procedure, version, text);
				case "final" -> reports.sign(procedure, version, text);
				case "amend" -> reports.amend(procedure, required(version), text, String.valueOf(reason));
				case "withdraw" -> reports.enteredInError(procedure, required(version), String.valueOf(reason));
				default -> throw new InvalidInputException("Unknown action " + action);
			};
			redirect.addFlashAttribute("notice", notice(saved));
			return "redirect:/imaging/reading/" + procedure;
		}
		catch (ConflictException | InvalidInputException ex) {
			response.setStatus(ex instanceof ConflictException ? HttpStatus.CONFLICT.value()
					: HttpStatus.UNPROCESSABLE_CONTENT.value());
			return page(procedure, String.valueOf(ex.getMessage()), new ReportText(findings, impression), model);
		}
	}

	private String page(long procedure, @Nullable String error, @Nullable ReportText typed, Model model) {
		ReportedProcedure rp = reports.procedure(procedure);
		ImagingReport report = reports.ofProcedure(procedure).orElse(null);
		List<ImagingReportVersion> history = report == null ? List.of() : reports.history(report.id());
		model.addAttribute("procedure", rp);
		model.addAttribute("patient", patients.summary(rp.patient()));
		model.addAttribute("report", report);
		model.addAttribute("history", history);
		model.addAttribute("writes", reports.writesReports());
		model.addAttribute("findings", typed != null ? typed.findings() : report == null ? "" : report.findings());
		model.addAttribute("impression",
				typed != null ? typed.impression() : report == null ? "" : report.impression());
		model.addAttribute("error", error);
		model.addAttribute("zone", ReadingController.ZONE);
		return "imaging/readingReport";
	}

	private static int required(@Nullable Integer version) {
		if (version == null) {
			throw new InvalidInputException("There is no signed report to change");
		}
		return version;
	}

	private static String notice(ImagingReport saved) {
		return switch (saved.status()) {
			case DRAFT -> "Draft saved.";
			case PRELIMINARY -> "Saved as preliminary: clinicians see it marked preliminary.";
			case FINAL -> "Report signed.";
			case AMENDED -> "Amendment signed; the earlier text stays in the history.";
			case ENTERED_IN_ERROR -> "Report marked entered in error.";
		};
	}

}
