package continuum.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

import continuum.adt.CensusService;
import continuum.adt.EncounterService;
import continuum.patients.PatientId;
import continuum.patients.PatientMergeService;
import continuum.patients.PatientRecord;
import continuum.patients.PatientService;
import continuum.platform.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The patient chart: a banner with name, MRN, age, sex and where the patient lies, the
 * allergies impossible to miss, then medications, problems and encounters. Composed here
 * from the patients and ADT services, each of which audits its own reads.
 */
@Controller
class ChartController {

	static final ZoneId HOSPITAL_ZONE = ZoneId.of("Europe/Brussels");

	private final PatientService patients;

	private final CensusService census;

	private final EncounterService encounters;

	private final PatientMergeService merges;

	private final Clock clock;

	ChartController(PatientService patients, CensusService census, EncounterService encounters,
			PatientMergeService merges, Clock clock) {
		this.patients = patients;
		this.census = census;
		this.encounters = encounters;
		this.merges = merges;
		this.clock = clock;
	}

	@GetMapping("/patients/{id:\\d+}")
	String chart(@PathVariable String id, Model model) {
		PatientId requested = parse(id);
		PatientRecord record = patients.record(requested);
		if (!record.patient().id().equals(requested)) {
			return "redirect:/patients/" + record.patient().id();
		}
		LocalDate today = LocalDate.now(clock.withZone(HOSPITAL_ZONE));
		LocalDate birthDate = record.patient().birthDate();
		model.addAttribute("record", record);
		model.addAttribute("patient", record.patient());
		model.addAttribute("age", birthDate == null ? null : age(birthDate, today));
		model.addAttribute("stay", census.currentStay(requested).orElse(null));
		model.addAttribute("encounters", encounters.encountersOf(requested));
		model.addAttribute("zone", HOSPITAL_ZONE);
		model.addAttribute("mayMerge", merges.mayMerge());
		return "web/chart";
	}

	/** Age as staff say it: years, or months under two, or days under two months. */
	static String age(LocalDate birthDate, LocalDate today) {
		Period period = Period.between(birthDate, today);
		if (period.getYears() >= 2) {
			return period.getYears() + " y";
		}
		if (period.toTotalMonths() >= 2) {
			return period.toTotalMonths() + " mo";
		}
		return java.time.temporal.ChronoUnit.DAYS.between(birthDate, today) + " d";
	}

	private static PatientId parse(String id) {
		try {
			return new PatientId(Long.parseLong(id));
		}
		catch (RuntimeException ex) {
			throw new NotFoundException("No patient with id " + id);
		}
	}

}
