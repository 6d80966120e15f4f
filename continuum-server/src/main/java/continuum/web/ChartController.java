package continuum.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import continuum.adt.CensusService;
import continuum.adt.EncounterService;
import continuum.fhir.ResourceIds;
import continuum.patients.PatientId;
import continuum.patients.PatientMergeService;
import continuum.patients.PatientRecord;
import continuum.patients.PatientService;
import continuum.platform.NotFoundException;
import continuum.scheduling.Appointment;
import continuum.scheduling.AppointmentQuery;
import continuum.scheduling.AppointmentService;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The patient chart: a banner with name, MRN, age, sex and where the patient lies, the
 * allergies impossible to miss, then medications, problems, encounters, laboratory
 * results and appointments. Composed here from the patients, ADT and scheduling services,
 * each of which audits its own reads; the laboratory's section is loaded from the lab
 * module's own page.
 */
@Controller
class ChartController {

	static final ZoneId HOSPITAL_ZONE = ZoneId.of("Europe/Brussels");

	private final PatientService patients;

	private final CensusService census;

	private final EncounterService encounters;

	private final PatientMergeService merges;

	private final AppointmentService appointments;

	private final AccessControl access;

	private final Clock clock;

	ChartController(PatientService patients, CensusService census, EncounterService encounters,
			PatientMergeService merges, AppointmentService appointments, AccessControl access, Clock clock) {
		this.patients = patients;
		this.census = census;
		this.encounters = encounters;
		this.merges = merges;
		this.appointments = appointments;
		this.access = access;
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
		model.addAttribute("mayChangeRegistration", access.allows("Patient", Interaction.UPDATE));
		model.addAttribute("mayOrderLabTests", access.allows("ServiceRequest", Interaction.CREATE));
		for (String type : List.of("AllergyIntolerance", "MedicationStatement", "Condition")) {
			model.addAttribute("mayRecord" + type, access.allows(type, Interaction.CREATE));
			model.addAttribute("mayChange" + type, access.allows(type, Interaction.UPDATE));
		}
		// The laboratory's section is its own fragment (/patients/{id}/lab/summary),
		// loaded by htmx, so the chart needs nothing of the lab module.
		model.addAttribute("mayReadLabResults", access.allows("Observation", Interaction.SEARCH));
		// Imaging's section likewise (/patients/{id}/imaging/summary).
		model.addAttribute("mayReadImagingOrders", access.allows("ServiceRequest", Interaction.SEARCH));
		addAppointments(record.patient().id(), model);
		return "web/chart";
	}

	/**
	 * Upcoming appointments (all of them) and those of the last half year (newest first,
	 * at most ten), for roles that may see appointments; the booking link for roles that
	 * may book.
	 */
	private void addAppointments(PatientId patient, Model model) {
		boolean mayRead = access.allows("Appointment", Interaction.SEARCH);
		model.addAttribute("mayReadAppointments", mayRead);
		model.addAttribute("mayBook", access.allows("Appointment", Interaction.CREATE));
		List<Appointment> upcoming = new ArrayList<>();
		List<Appointment> recent = new ArrayList<>();
		if (mayRead) {
			Instant now = clock.instant();
			AppointmentQuery query = new AppointmentQuery(patient, null, null, null, Set.of(),
					now.minus(Duration.ofDays(183)), null);
			for (Appointment appointment : appointments.search(query, 500, 0)) {
				(appointment.end().isAfter(now) ? upcoming : recent).add(appointment);
			}
			recent.sort(Comparator.comparing(Appointment::start).reversed());
		}
		model.addAttribute("upcomingAppointments", upcoming);
		model.addAttribute("recentAppointments", recent.subList(0, Math.min(10, recent.size())));
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

	/** Only the canonical form names a patient ({@code /patients/007} is no page). */
	private static PatientId parse(String id) {
		return new PatientId(
				ResourceIds.parse(id).orElseThrow(() -> new NotFoundException("No patient with id " + id)));
	}

}
