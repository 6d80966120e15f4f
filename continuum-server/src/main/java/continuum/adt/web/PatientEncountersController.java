package continuum.adt.web;

import continuum.adt.CensusService;
import continuum.adt.EncounterService;
import continuum.patients.PatientId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /patients/{id}/encounters}: a plain HTML fragment of the patient's encounters,
 * for the chart (htmx).
 */
@Controller
class PatientEncountersController {

	private final EncounterService encounters;

	private final CensusService census;

	PatientEncountersController(EncounterService encounters, CensusService census) {
		this.encounters = encounters;
		this.census = census;
	}

	@GetMapping("/patients/{id}/encounters")
	String encounters(@PathVariable String id, Model model) {
		PatientId patient = PatientId.of(id);
		model.addAttribute("patientId", patient.asString());
		model.addAttribute("encounters", encounters.encountersOf(patient));
		model.addAttribute("stay", census.currentStay(patient).orElse(null));
		model.addAttribute("times", Times.INSTANCE);
		return "adt/patientEncounters";
	}

}
