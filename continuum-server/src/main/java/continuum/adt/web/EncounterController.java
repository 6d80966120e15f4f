package continuum.adt.web;

import java.time.Clock;
import java.util.List;

import continuum.adt.AdmissionService;
import continuum.adt.BedId;
import continuum.adt.BedOccupiedException;
import continuum.adt.BedStay;
import continuum.adt.Encounter;
import continuum.adt.EncounterId;
import continuum.adt.EncounterService;
import continuum.adt.LocationService;
import continuum.adt.PlannedAdmissionService;
import continuum.patients.PatientService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import continuum.platform.VersionConflictException;
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
 * {@code /adt/encounters/{id}}: one encounter with its bed history, and the transfer and
 * discharge forms (for a planned one: start on arrival, or cancel). Each form carries the
 * version it was shown at, so a change made meanwhile by someone else is reported, not
 * overwritten.
 */
@Controller
class EncounterController {

	private final EncounterService encounters;

	private final AdmissionService admissions;

	private final LocationService locations;

	private final PatientService patients;

	private final PlannedAdmissionService planning;

	private final Clock clock;

	EncounterController(EncounterService encounters, AdmissionService admissions, LocationService locations,
			PatientService patients, PlannedAdmissionService planning, Clock clock) {
		this.encounters = encounters;
		this.admissions = admissions;
		this.locations = locations;
		this.patients = patients;
		this.planning = planning;
		this.clock = clock;
	}

	@GetMapping("/adt/encounters/{id}")
	String show(@PathVariable String id, @RequestParam(required = false) @Nullable String ward, Model model) {
		return page(EncounterId.of(id), AdmissionController.blankToNull(ward), null, model);
	}

	@PostMapping("/adt/encounters/{id}/transfer")
	String transfer(@PathVariable String id, @RequestParam(required = false) @Nullable String ward,
			@RequestParam(required = false) @Nullable Long bed, @RequestParam int version, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		EncounterId encounterId = EncounterId.of(id);
		try {
			if (bed == null) {
				throw new InvalidInputException("Choose the bed to transfer to");
			}
			Encounter moved = admissions.transfer(encounterId, new BedId(bed), version);
			BedStay stay = moved.currentBed().orElseThrow();
			redirect.addFlashAttribute("notice", "Transferred to " + stay.bed().label() + ".");
			return "redirect:/wards/" + stay.bed().wardCode();
		}
		catch (ConflictException | InvalidInputException ex) {
			response.setStatus(ex instanceof ConflictException ? HttpStatus.CONFLICT.value()
					: HttpStatus.UNPROCESSABLE_CONTENT.value());
			return page(encounterId, wardOf(bed, ward), message(ex), model);
		}
	}

	@PostMapping("/adt/encounters/{id}/start")
	String start(@PathVariable String id, @RequestParam(required = false) @Nullable String ward,
			@RequestParam(required = false) @Nullable Long bed, @RequestParam int version, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		EncounterId encounterId = EncounterId.of(id);
		try {
			Encounter started = planning.start(encounterId, bed == null ? null : new BedId(bed), version);
			redirect.addFlashAttribute("notice",
					started.currentBed()
						.map(stay -> "Admitted to " + stay.bed().label() + ".")
						.orElse("Encounter started."));
			return started.currentBed()
				.map(stay -> "redirect:/wards/" + stay.bed().wardCode())
				.orElse("redirect:/adt/encounters/" + encounterId);
		}
		catch (ConflictException | InvalidInputException ex) {
			response.setStatus(ex instanceof ConflictException ? HttpStatus.CONFLICT.value()
					: HttpStatus.UNPROCESSABLE_CONTENT.value());
			return page(encounterId, wardOf(bed, ward), message(ex), model);
		}
	}

	@PostMapping("/adt/encounters/{id}/cancel")
	String cancel(@PathVariable String id, @RequestParam int version, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		EncounterId encounterId = EncounterId.of(id);
		try {
			admissions.cancel(encounterId, version);
			redirect.addFlashAttribute("notice", "Cancelled.");
			return "redirect:/adt/encounters/" + encounterId;
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return page(encounterId, null, message(ex), model);
		}
	}

	@PostMapping("/adt/encounters/{id}/discharge")
	String discharge(@PathVariable String id, @RequestParam(required = false) @Nullable String at,
			@RequestParam int version, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		EncounterId encounterId = EncounterId.of(id);
		try {
			Encounter before = encounters.get(encounterId);
			admissions.discharge(encounterId, Times.parse(at), version);
			redirect.addFlashAttribute("notice", "Discharged.");
			return before.currentBed()
				.map(stay -> "redirect:/wards/" + stay.bed().wardCode())
				.orElse("redirect:/adt/encounters/" + encounterId);
		}
		catch (ConflictException | InvalidInputException ex) {
			response.setStatus(ex instanceof ConflictException ? HttpStatus.CONFLICT.value()
					: HttpStatus.UNPROCESSABLE_CONTENT.value());
			return page(encounterId, null, message(ex), model);
		}
	}

	private String page(EncounterId id, @Nullable String ward, @Nullable String error, Model model) {
		Encounter encounter = encounters.get(id);
		model.addAttribute("encounter", encounter);
		model.addAttribute("patient", patients.summary(encounter.patient()));
		model.addAttribute("wards", locations.wards());
		model.addAttribute("ward", ward);
		model.addAttribute("beds", ward == null ? List.of() : locations.freeBeds(ward));
		model.addAttribute("now", Times.INSTANCE.input(clock.instant()));
		model.addAttribute("times", Times.INSTANCE);
		model.addAttribute("error", error);
		return "adt/encounter";
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
				// an unknown bed is reported by the transfer itself
			}
		}
		return AdmissionController.blankToNull(ward);
	}

	private static String message(RuntimeException ex) {
		if (ex instanceof VersionConflictException) {
			return "This encounter was changed by someone else meanwhile; review it and try again.";
		}
		if (ex instanceof BedOccupiedException) {
			return ex.getMessage() + " — it was just taken; choose another bed.";
		}
		return ex.getMessage();
	}

}
