package continuum.patients.web;

import continuum.patients.PatientMergeService;
import continuum.patients.PatientPage;
import continuum.patients.PatientQuery;
import continuum.patients.PatientService;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The patient search page: a plain GET form that works without JavaScript; with htmx, the
 * same URL answers just the results fragment while staff type. Submitting an MRN or
 * national number that names exactly one patient opens that patient's chart. Roles that
 * may update patients get a link to merge a result into another registration.
 */
@Controller
class PatientSearchController {

	static final int PAGE_SIZE = 25;

	private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[\\d.\\-]{8,}");

	private final PatientService patients;

	private final PatientMergeService merges;

	PatientSearchController(PatientService patients, PatientMergeService merges) {
		this.patients = patients;
		this.merges = merges;
	}

	@GetMapping("/patients")
	String search(@RequestParam(name = "q", required = false) @Nullable String q,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		String text = q == null ? "" : q.strip();
		if (text.length() > 200) {
			text = text.substring(0, 200);
		}
		model.addAttribute("q", text);
		model.addAttribute("mayMerge", merges.mayMerge());
		if (!text.isEmpty()) {
			PatientPage page = patients.search(PatientQuery.text(text, PAGE_SIZE));
			if (htmx == null && page.total() == 1 && IDENTIFIER.matcher(text).matches()) {
				// A scanned wristband or a typed MRN / national number names one patient:
				// open the chart.
				return "redirect:/patients/" + page.patients().get(0).id();
			}
			model.addAttribute("page", page);
		}
		return htmx != null ? "patients/search :: results" : "patients/search";
	}

}
