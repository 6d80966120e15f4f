package continuum.patients.web;

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
 * The patient search page: a plain GET form that works without JavaScript; with htmx, the same URL answers just the
 * results fragment while staff type.
 */
@Controller
class PatientSearchController {

	static final int PAGE_SIZE = 25;

	private final PatientService patients;

	PatientSearchController(PatientService patients) {
		this.patients = patients;
	}

	@GetMapping("/patients")
	String search(@RequestParam(name = "q", required = false) @Nullable String q,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		String text = q == null ? "" : q.strip();
		if (text.length() > 200) {
			text = text.substring(0, 200);
		}
		model.addAttribute("q", text);
		if (!text.isEmpty()) {
			PatientPage page = patients.search(PatientQuery.text(text, PAGE_SIZE));
			model.addAttribute("page", page);
		}
		return htmx != null ? "patients/search :: results" : "patients/search";
	}

}
