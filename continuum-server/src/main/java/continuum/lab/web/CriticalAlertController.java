package continuum.lab.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import continuum.lab.AlertId;
import continuum.lab.CriticalAlert;
import continuum.lab.CriticalAlertService;
import continuum.lab.LabResult;
import continuum.lab.ResultNotFoundException;
import continuum.lab.ResultService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
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
 * {@code /lab/alerts}: the critical-value alerts addressed to the signed-in clinician,
 * escalated ones first, each with the patient (MRN, name), the result and an
 * acknowledgement form. Who sees which alert, and who may acknowledge it, is
 * {@link CriticalAlertService}'s call; other roles get 403.
 */
@Controller
class CriticalAlertController {

	private static final int MAX_ALERTS = 200;

	private final CriticalAlertService alerts;

	private final ResultService results;

	private final PatientService patients;

	CriticalAlertController(CriticalAlertService alerts, ResultService results, PatientService patients) {
		this.alerts = alerts;
		this.results = results;
		this.patients = patients;
	}

	/**
	 * One alert as listed: the patient's banner facts and the result (null while the
	 * laboratory corrects it).
	 */
	record Line(CriticalAlert alert, @Nullable PatientSummary patient, @Nullable LabResult result) {
	}

	@GetMapping("/lab/alerts")
	String alerts(Model model) {
		return page(null, model);
	}

	@PostMapping("/lab/alerts/{id}/acknowledge")
	String acknowledge(@PathVariable String id, @RequestParam(required = false) @Nullable String note, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		AlertId alertId;
		try {
			alertId = AlertId.of(id);
		}
		catch (InvalidInputException ex) {
			throw new NotFoundException("No critical-value alert with id " + id);
		}
		try {
			alerts.acknowledge(alertId, note);
			redirect.addFlashAttribute("notice", "Alert " + alertId + " acknowledged.");
			return "redirect:/lab/alerts";
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("notice", ex.getMessage() + ".");
			return "redirect:/lab/alerts";
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return page(ex.getMessage(), model);
		}
	}

	private String page(@Nullable String error, Model model) {
		List<CriticalAlert> open = alerts.open(MAX_ALERTS);
		Map<PatientId, PatientSummary> summaries = open.isEmpty() ? Map.of()
				: patients.summaries(open.stream().map(CriticalAlert::patient).distinct().toList());
		List<Line> lines = new ArrayList<>();
		for (CriticalAlert alert : open) {
			LabResult result;
			try {
				result = results.get(alert.result());
			}
			catch (ResultNotFoundException ex) {
				result = null;
			}
			lines.add(new Line(alert, summaries.get(alert.patient()), result));
		}
		model.addAttribute("lines", lines);
		model.addAttribute("error", error);
		model.addAttribute("zone", LabChartController.ZONE);
		return "lab/alerts";
	}

}
