package continuum.patients.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;

import continuum.patients.Allergy;
import continuum.patients.ClinicalEntry;
import continuum.patients.ClinicalRecordService;
import continuum.patients.CommonTerms;
import continuum.patients.Medication;
import continuum.patients.PatientId;
import continuum.patients.PatientNotFoundException;
import continuum.patients.PatientService;
import continuum.patients.Problem;
import continuum.patients.web.ClinicalForms.AllergyForm;
import continuum.patients.web.ClinicalForms.EntryForm;
import continuum.patients.web.ClinicalForms.MedicationForm;
import continuum.patients.web.ClinicalForms.ProblemForm;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The chart's clinical entries in the web UI: record an allergy (or that the patient has
 * none known), a medication or a problem, and change one (an allergy refuted or entered
 * in error, a medication stopped, a problem resolved). Every change goes through
 * {@link ClinicalRecordService}, which checks the role, audits it and puts it in the
 * change feed; a change made meanwhile by someone else is shown, not overwritten (the
 * form carries the version it was made from). The three kinds share one flow; a
 * {@link Kind} holds what differs.
 */
@Controller
@RequestMapping("/patients/{patient:\\d+}")
class ClinicalEntryController {

	private static final ZoneId HOSPITAL_ZONE = ZoneId.of("Europe/Brussels");

	private static final String CONFLICT = "Someone else changed this entry while you were editing it. "
			+ "It is shown below as it is now: check it, and make your change again if it is still needed.";

	/**
	 * What differs between the kinds of entry: how to read, record and update one, how to
	 * make one from its form (null, with the reasons in {@code errors}, if the form is
	 * wrong), and the page's choices.
	 */
	private record Kind<T extends ClinicalEntry, F extends EntryForm>(String resourceType, String section, String view,
			LongFunction<T> read, Function<T, T> record, Updater<T> update, Builder<T, F> build, Function<T, F> formOf,
			Map<String, Object> choices) {
	}

	@FunctionalInterface
	private interface Updater<T> {

		T update(long id, int expectedVersion, T entry);

	}

	@FunctionalInterface
	private interface Builder<T, F> {

		@Nullable T build(PatientId patient, F form, @Nullable T current, Map<String, String> errors);

	}

	private final ClinicalRecordService clinical;

	private final PatientService patients;

	private final AccessControl access;

	private final Clock clock;

	private final Kind<Allergy, AllergyForm> allergies;

	private final Kind<Medication, MedicationForm> medications;

	private final Kind<Problem, ProblemForm> problems;

	ClinicalEntryController(ClinicalRecordService clinical, PatientService patients, AccessControl access,
			Clock clock) {
		this.clinical = clinical;
		this.patients = patients;
		this.access = access;
		this.clock = clock;
		// Back to the top of the chart after an allergy: the alert under the banner shows
		// it.
		this.allergies = new Kind<>("AllergyIntolerance", "", "patients/allergy", clinical::allergy,
				clinical::recordAllergy, clinical::updateAllergy, this::allergy, AllergyForm::of,
				Map.of("categories", ClinicalForms.ALLERGY_CATEGORIES, "criticalities", ClinicalForms.CRITICALITIES,
						"clinicalStatuses", ClinicalForms.ALLERGY_CLINICAL, "verificationStatuses",
						ClinicalForms.ALLERGY_VERIFICATION, "severities", ClinicalForms.SEVERITIES, "suggestions",
						CommonTerms.SUBSTANCES));
		this.medications = new Kind<>("MedicationStatement", "medications", "patients/medication", clinical::medication,
				clinical::recordMedication, clinical::updateMedication, this::medication, MedicationForm::of,
				Map.of("statuses", ClinicalForms.MEDICATION_STATUSES, "suggestions", CommonTerms.DRUGS));
		this.problems = new Kind<>("Condition", "problems", "patients/problem", clinical::problem,
				clinical::recordProblem, clinical::updateProblem, this::problem, ProblemForm::of,
				Map.of("clinicalStatuses", ClinicalForms.PROBLEM_CLINICAL, "verificationStatuses",
						ClinicalForms.PROBLEM_VERIFICATION, "suggestions", CommonTerms.PROBLEMS));
	}

	@GetMapping("/allergies/new")
	String newAllergy(@PathVariable long patient, Model model) {
		return blank(allergies, patient, AllergyForm.empty(), model);
	}

	@PostMapping("/allergies/new")
	String recordAllergy(@PathVariable long patient, @ModelAttribute AllergyForm form, Model model,
			HttpServletResponse response) {
		return record(allergies, patient, form, model, response);
	}

	/** Records that the patient was asked and has no known allergy. */
	@PostMapping("/allergies/no-known")
	String recordNoKnownAllergies(@PathVariable long patient) {
		PatientId id = new PatientId(patient);
		clinical.recordAllergy(
				Allergy.of(id, Allergy.NO_KNOWN_ALLERGY, null, null, "active", "confirmed", List.of(), null, today()));
		return chart(id, allergies);
	}

	@GetMapping("/allergies/{entry:\\d+}")
	String allergy(@PathVariable long patient, @PathVariable long entry, Model model) {
		return show(allergies, patient, entry, model);
	}

	@PostMapping("/allergies/{entry:\\d+}")
	String updateAllergy(@PathVariable long patient, @PathVariable long entry, @ModelAttribute AllergyForm form,
			Model model, HttpServletResponse response) {
		return update(allergies, patient, entry, form, model, response);
	}

	@GetMapping("/medications/new")
	String newMedication(@PathVariable long patient, Model model) {
		return blank(medications, patient, MedicationForm.empty(), model);
	}

	@PostMapping("/medications/new")
	String recordMedication(@PathVariable long patient, @ModelAttribute MedicationForm form, Model model,
			HttpServletResponse response) {
		return record(medications, patient, form, model, response);
	}

	@GetMapping("/medications/{entry:\\d+}")
	String medication(@PathVariable long patient, @PathVariable long entry, Model model) {
		return show(medications, patient, entry, model);
	}

	@PostMapping("/medications/{entry:\\d+}")
	String updateMedication(@PathVariable long patient, @PathVariable long entry, @ModelAttribute MedicationForm form,
			Model model, HttpServletResponse response) {
		return update(medications, patient, entry, form, model, response);
	}

	@GetMapping("/problems/new")
	String newProblem(@PathVariable long patient, Model model) {
		return blank(problems, patient, ProblemForm.empty(), model);
	}

	@PostMapping("/problems/new")
	String recordProblem(@PathVariable long patient, @ModelAttribute ProblemForm form, Model model,
			HttpServletResponse response) {
		return record(problems, patient, form, model, response);
	}

	@GetMapping("/problems/{entry:\\d+}")
	String problem(@PathVariable long patient, @PathVariable long entry, Model model) {
		return show(problems, patient, entry, model);
	}

	@PostMapping("/problems/{entry:\\d+}")
	String updateProblem(@PathVariable long patient, @PathVariable long entry, @ModelAttribute ProblemForm form,
			Model model, HttpServletResponse response) {
		return update(problems, patient, entry, form, model, response);
	}

	// The flows

	private <T extends ClinicalEntry, F extends EntryForm> String blank(Kind<T, F> kind, long patient, F empty,
			Model model) {
		PatientId id = new PatientId(patient);
		access.require(kind.resourceType(), Interaction.CREATE, null, id.asString());
		return page(kind, id, empty, null, Map.of(), model);
	}

	private <T extends ClinicalEntry, F extends EntryForm> String record(Kind<T, F> kind, long patient, F form,
			Model model, HttpServletResponse response) {
		PatientId id = new PatientId(patient);
		Map<String, String> errors = new LinkedHashMap<>();
		T entry = kind.build().build(id, form, null, errors);
		if (entry != null) {
			try {
				kind.record().apply(entry);
				return chart(id, kind);
			}
			catch (InvalidInputException ex) {
				errors.put("form", ex.getMessage());
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return page(kind, id, form, null, errors, model);
	}

	private <T extends ClinicalEntry, F extends EntryForm> String show(Kind<T, F> kind, long patient, long entry,
			Model model) {
		T current = of(patient, kind.read().apply(entry));
		return page(kind, current.patient(), kind.formOf().apply(current), current, Map.of(), model);
	}

	private <T extends ClinicalEntry, F extends EntryForm> String update(Kind<T, F> kind, long patient, long entry,
			F form, Model model, HttpServletResponse response) {
		T current = of(patient, kind.read().apply(entry));
		Map<String, String> errors = new LinkedHashMap<>();
		T changed = kind.build().build(current.patient(), form, current, errors);
		if (changed != null) {
			try {
				kind.update().update(entry, ClinicalForms.version(form.version(), "entry"), changed);
				return chart(current.patient(), kind);
			}
			catch (VersionConflictException ex) {
				T now = kind.read().apply(entry);
				response.setStatus(HttpStatus.CONFLICT.value());
				return page(kind, now.patient(), kind.formOf().apply(now), now, Map.of("form", CONFLICT), model);
			}
			catch (InvalidInputException ex) {
				errors.put("form", ex.getMessage());
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return page(kind, current.patient(), form, current, errors, model);
	}

	private String page(Kind<?, ?> kind, PatientId patient, EntryForm form, @Nullable ClinicalEntry entry,
			Map<String, String> errors, Model model) {
		model.addAllAttributes(kind.choices());
		model.addAttribute("patient", patients.summary(patient));
		model.addAttribute("zone", HOSPITAL_ZONE);
		model.addAttribute("form", form);
		model.addAttribute("entry", entry);
		model.addAttribute("errors", errors);
		model.addAttribute("mayChange", entry == null || access.allows(kind.resourceType(), Interaction.UPDATE));
		return kind.view();
	}

	// From form to entry

	private @Nullable Allergy allergy(PatientId patient, AllergyForm form, @Nullable Allergy current,
			Map<String, String> errors) {
		if (ClinicalForms.blank(form.substance())) {
			errors.put("substance", "Enter the substance, e.g. Penicillin.");
		}
		requireStatus(form.clinicalStatus(), form.verificationStatus(), errors);
		if (!errors.isEmpty()) {
			return null;
		}
		return valid(() -> Allergy.of(patient, CommonTerms.code(CommonTerms.SUBSTANCES, form.substance()),
				ClinicalForms.optional(form.category()), ClinicalForms.optional(form.criticality()),
				form.clinicalStatus(), form.verificationStatus(), form.reactionList(),
				ClinicalForms.optional(form.reactionSeverity()), current == null ? today() : current.recordedDate()),
				errors);
	}

	private @Nullable Medication medication(PatientId patient, MedicationForm form, @Nullable Medication current,
			Map<String, String> errors) {
		if (ClinicalForms.blank(form.drug())) {
			errors.put("drug", "Enter the drug, e.g. Paracetamol 1 g tablet.");
		}
		if (ClinicalForms.blank(form.status())) {
			errors.put("status", "Choose the status.");
		}
		LocalDate start = date(form.periodStart(), "periodStart", "start", errors);
		LocalDate end = date(form.periodEnd(), "periodEnd", "end", errors);
		if (start != null && end != null && end.isBefore(start)) {
			errors.put("periodEnd", "The end date is before the start date.");
		}
		if (!errors.isEmpty()) {
			return null;
		}
		return valid(() -> Medication.of(patient, CommonTerms.code(CommonTerms.DRUGS, form.drug()),
				ClinicalForms.optional(form.dose()), ClinicalForms.optional(form.route()),
				ClinicalForms.optional(form.frequency()), form.status(), start, end), errors);
	}

	private @Nullable Problem problem(PatientId patient, ProblemForm form, @Nullable Problem current,
			Map<String, String> errors) {
		if (ClinicalForms.blank(form.problem())) {
			errors.put("problem", "Enter the problem, e.g. Type 2 diabetes mellitus.");
		}
		requireStatus(form.clinicalStatus(), form.verificationStatus(), errors);
		LocalDate onset = date(form.onset(), "onset", "onset", errors);
		if (onset != null && onset.isAfter(today())) {
			errors.put("onset", "The onset date is in the future.");
		}
		if (!errors.isEmpty()) {
			return null;
		}
		return valid(() -> Problem.of(patient, CommonTerms.code(CommonTerms.PROBLEMS, form.problem()),
				form.clinicalStatus(), form.verificationStatus(), onset), errors);
	}

	private static void requireStatus(@Nullable String clinicalStatus, @Nullable String verificationStatus,
			Map<String, String> errors) {
		if (ClinicalForms.blank(clinicalStatus) || ClinicalForms.blank(verificationStatus)) {
			errors.put("status", "Choose the clinical status and how sure it is.");
		}
	}

	/** The entry, or null with the domain's reason when a value is not one it accepts. */
	private static <T> @Nullable T valid(java.util.function.Supplier<T> entry, Map<String, String> errors) {
		try {
			return entry.get();
		}
		catch (InvalidInputException ex) {
			errors.put("form", ex.getMessage());
			return null;
		}
	}

	/** The entry, if it is one of this patient's (or of a duplicate merged into them). */
	private static <T extends ClinicalEntry> T of(long patient, T entry) {
		if (entry.patient().value() != patient) {
			throw new PatientNotFoundException("No such entry in the chart of patient " + patient);
		}
		return entry;
	}

	private static @Nullable LocalDate date(@Nullable String text, String field, String what,
			Map<String, String> errors) {
		try {
			return ClinicalForms.date(text);
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "Enter the " + what + " date as DD/MM/YYYY, e.g. 26/11/2026.");
			return null;
		}
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(HOSPITAL_ZONE));
	}

	private static String chart(PatientId patient, Kind<?, ?> kind) {
		return "redirect:/patients/" + patient.asString() + (kind.section().isEmpty() ? "" : "#" + kind.section());
	}

}
