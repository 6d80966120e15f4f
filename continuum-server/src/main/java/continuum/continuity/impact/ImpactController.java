package continuum.continuity.impact;

import java.util.List;

import continuum.patients.PatientService;
import continuum.platform.NotFoundException;
import continuum.security.AccessControl;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import continuum.security.Role;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /continuity/incidents/{id}/impact}: what an incident hit, as a page and a PDF.
 * The IT role and every role that may see patients read it; only the latter see the lists
 * (with names and MRNs, audited as reads). Computing it again (while the outage lasts, or
 * after a correction) is for the IT role and schedulers; handing the hit appointments to
 * bulk rescheduling for whoever may book appointments.
 */
@Controller
class ImpactController {

	private final ImpactAnalysis analysis;

	private final ImpactRescheduling rescheduling;

	private final ImpactRepository repository;

	private final Outages outages;

	private final PatientService patients;

	private final AccessControl access;

	private final CurrentUser currentUser;

	ImpactController(ImpactAnalysis analysis, ImpactRescheduling rescheduling, ImpactRepository repository,
			Outages outages, PatientService patients, AccessControl access, CurrentUser currentUser) {
		this.currentUser = currentUser;
		this.analysis = analysis;
		this.rescheduling = rescheduling;
		this.repository = repository;
		this.outages = outages;
		this.patients = patients;
		this.access = access;
	}

	@GetMapping("/continuity/incidents/{id}/impact")
	String page(@PathVariable long id, Model model) {
		Outage outage = readable(id);
		model.addAttribute("incidentId", id);
		model.addAttribute("ongoing", outage.end() == null);
		model.addAttribute("mayCompute", mayCompute());
		model.addAttribute("mayReschedule", access.allows("Appointment", Interaction.CREATE));
		model.addAttribute("batches", repository.batches(id));
		analysis.report(id).ifPresent(report -> model.addAttribute("view", view(report)));
		return "continuity/impact";
	}

	@GetMapping("/continuity/incidents/{id}/impact.pdf")
	ResponseEntity<byte[]> pdf(@PathVariable long id) {
		readable(id);
		ImpactReport report = analysis.report(id)
			.orElseThrow(() -> new NotFoundException("The impact of incident " + id + " is not computed yet"));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename("incident-" + id + "-impact.pdf").build().toString())
			.body(ImpactPdf.of(view(report)));
	}

	@PostMapping("/continuity/incidents/{id}/impact")
	String compute(@PathVariable long id, RedirectAttributes redirect) {
		Outage outage = readable(id);
		if (!mayCompute()) {
			access.require("Appointment", Interaction.CREATE, null, null);
		}
		ImpactReport report = analysis.analyse(outage, currentUser.get().username());
		redirect.addFlashAttribute("notice", "Impact computed: " + report.appointments() + " appointments, "
				+ report.lateArrivals() + " late arrivals, " + report.messages() + " messages.");
		return "redirect:/continuity/incidents/" + id + "/impact";
	}

	@PostMapping("/continuity/incidents/{id}/impact/reschedule")
	String reschedule(@PathVariable long id) {
		access.require("Appointment", Interaction.CREATE, null, null);
		List<Long> batches = rescheduling.start(id);
		return "redirect:/scheduling/bulk/" + batches.get(0);
	}

	private Outage readable(long id) {
		Role role = access.currentRole();
		if (role == null || !role.managesIncidents()) {
			access.require("Patient", Interaction.READ, null, null);
		}
		return outages.find(id).orElseThrow(() -> new NotFoundException("No incident " + id));
	}

	private boolean mayCompute() {
		Role role = access.currentRole();
		return (role != null && role.managesIncidents()) || access.allows("Appointment", Interaction.CREATE);
	}

	private ImpactView view(ImpactReport report) {
		return ImpactView.of(report, access.allows("Patient", Interaction.READ) ? patients : null);
	}

}
