package continuum.adt.web;

import java.util.List;

import continuum.adt.Admission;
import continuum.adt.AdmissionService;
import continuum.adt.BedId;
import continuum.adt.BedOccupiedException;
import continuum.adt.CensusService;
import continuum.adt.EncounterClass;
import continuum.adt.LocationService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import continuum.security.Role;
import continuum.security.StaffMember;
import continuum.security.StaffService;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /adt/admit?patient=}: choose a ward, then one of its free beds, and admit. A bed
 * taken by someone else in the meantime, or any other broken rule, comes back as a
 * message on the same form, never as an error page.
 */
@Controller
class AdmissionController {

	private final AdmissionService admissions;

	private final LocationService locations;

	private final PatientService patients;

	private final StaffService staff;

	private final CensusService census;

	AdmissionController(AdmissionService admissions, LocationService locations, PatientService patients,
			StaffService staff, CensusService census) {
		this.admissions = admissions;
		this.locations = locations;
		this.patients = patients;
		this.staff = staff;
		this.census = census;
	}

	@GetMapping("/adt/admit")
	String form(@RequestParam String patient, @RequestParam(required = false) @Nullable String ward, Model model) {
		return form(PatientId.of(patient), blankToNull(ward), null, model);
	}

	@PostMapping("/adt/admit")
	String admit(@RequestParam String patient, @RequestParam(required = false) @Nullable String ward,
			@RequestParam(required = false) @Nullable Long bed,
			@RequestParam(defaultValue = "INPATIENT") EncounterClass encounterClass,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String practitioner, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PatientId patientId = PatientId.of(patient);
		String chosenWard = wardOf(bed, ward);
		try {
			var encounter = admissions.admit(new Admission(patientId, bed == null ? null : new BedId(bed),
					encounterClass, blankToNull(reason), blankToNull(practitioner), null));
			redirect.addFlashAttribute("notice",
					encounter.currentBed()
						.map(stay -> "Admitted to " + stay.bed().label() + ".")
						.orElse("Encounter started."));
			return encounter.currentBed()
				.map(stay -> "redirect:/wards/" + stay.bed().wardCode())
				.orElse("redirect:/adt/encounters/" + encounter.id());
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("reason", reason);
			model.addAttribute("selectedClass", encounterClass);
			model.addAttribute("selectedPractitioner", practitioner);
			String hint = ex instanceof BedOccupiedException ? " — it was just taken; choose another bed." : "";
			return form(patientId, chosenWard, ex.getMessage() + hint, model);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			model.addAttribute("reason", reason);
			model.addAttribute("selectedClass", encounterClass);
			model.addAttribute("selectedPractitioner", practitioner);
			return form(patientId, chosenWard, ex.getMessage(), model);
		}
	}

	private String form(PatientId patient, @Nullable String ward, @Nullable String error, Model model) {
		model.addAttribute("patient", patients.summary(patient));
		model.addAttribute("stay", census.currentStay(patient).orElse(null));
		model.addAttribute("wards", locations.wards());
		model.addAttribute("ward", ward);
		model.addAttribute("beds", ward == null ? List.of() : locations.freeBeds(ward));
		model.addAttribute("classes", EncounterClass.values());
		model.addAttribute("physicians", physicians());
		model.addAttribute("error", error);
		if (!model.containsAttribute("selectedClass")) {
			model.addAttribute("selectedClass",
					ward != null && ward.startsWith("SPG") ? EncounterClass.EMERGENCY : EncounterClass.INPATIENT);
		}
		return "adt/admit";
	}

	/**
	 * The ward to show again after a refusal: the chosen bed's (htmx may have changed it
	 * in place), else the form's.
	 */
	private @Nullable String wardOf(@Nullable Long bed, @Nullable String ward) {
		if (bed != null && bed > 0) {
			try {
				return locations.bed(new BedId(bed)).wardCode();
			}
			catch (NotFoundException ex) {
				// an unknown bed is reported by the admission itself
			}
		}
		return blankToNull(ward);
	}

	private List<StaffMember> physicians() {
		return staff.search(null, Role.PHYSICIAN, 200, 0);
	}

	static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

}
