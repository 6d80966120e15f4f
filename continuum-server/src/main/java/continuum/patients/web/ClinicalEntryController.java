package continuum.patients.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.patients.Allergy;
import continuum.patients.ClinicalEntry;
import continuum.patients.ClinicalKind;
import continuum.patients.ClinicalRecordService;
import continuum.patients.PatientId;
import continuum.patients.PatientNotFoundException;
import continuum.patients.PatientService;
import continuum.patients.web.ClinicalForms.EntryForm;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.ServletRequestDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The chart's clinical entries in the web UI: record an allergy (or that the patient has
 * none known), a medication or a problem, and change one (an allergy refuted or entered
 * in error, a medication stopped, a problem resolved), at
 * {@code /patients/{id}/{allergies|medications|problems}/new} and {@code .../{entry}}.
 * Every change goes through {@link ClinicalRecordService}, which checks the role, audits
 * it and puts it in the change feed; a change made meanwhile by someone else is shown,
 * not overwritten (the form carries the version it was made from). One flow serves every
 * kind; an {@link EntryKind} holds what differs.
 */
@Controller
@RequestMapping("/patients/{patient:\\d+}")
class ClinicalEntryController {

	private static final ZoneId HOSPITAL_ZONE = ZoneId.of("Europe/Brussels");

	private static final String CONFLICT = "Someone else changed this entry while you were editing it. "
			+ "It is shown below as it is now: check it, and make your change again if it is still needed.";

	private final ClinicalRecordService clinical;

	private final PatientService patients;

	private final AccessControl access;

	private final Clock clock;

	ClinicalEntryController(ClinicalRecordService clinical, PatientService patients, AccessControl access,
			Clock clock) {
		this.clinical = clinical;
		this.patients = patients;
		this.access = access;
		this.clock = clock;
	}

	@GetMapping("/{kind:" + EntryKind.PATHS + "}/new")
	String blank(@PathVariable long patient, @PathVariable("kind") String path, Model model) {
		return blank(EntryKind.at(path), new PatientId(patient), model);
	}

	@PostMapping("/{kind:" + EntryKind.PATHS + "}/new")
	String record(@PathVariable long patient, @PathVariable("kind") String path, HttpServletRequest request,
			Model model, HttpServletResponse response) {
		return record(EntryKind.at(path), new PatientId(patient), request, model, response);
	}

	/** Records that the patient was asked and has no known allergy. */
	@PostMapping("/allergies/no-known")
	String recordNoKnownAllergies(@PathVariable long patient) {
		PatientId id = new PatientId(patient);
		clinical.record(ClinicalKind.ALLERGIES,
				Allergy.of(id, Allergy.NO_KNOWN_ALLERGY, null, null, "active", "confirmed", List.of(), null, today()));
		return chart(id, EntryKind.ALLERGIES);
	}

	@GetMapping("/{kind:" + EntryKind.PATHS + "}/{entry:\\d+}")
	String show(@PathVariable long patient, @PathVariable("kind") String path, @PathVariable long entry, Model model) {
		return show(EntryKind.at(path), patient, entry, model);
	}

	@PostMapping("/{kind:" + EntryKind.PATHS + "}/{entry:\\d+}")
	String update(@PathVariable long patient, @PathVariable("kind") String path, @PathVariable long entry,
			HttpServletRequest request, Model model, HttpServletResponse response) {
		return update(EntryKind.at(path), patient, entry, request, model, response);
	}

	// The flow, once for every kind

	private <T extends ClinicalEntry, F extends EntryForm<T>> String blank(EntryKind<T, F> kind, PatientId patient,
			Model model) {
		access.require(kind.resourceType(), Interaction.CREATE, null, patient.asString());
		return page(kind, patient, kind.empty().get(), null, Map.of(), model);
	}

	private <T extends ClinicalEntry, F extends EntryForm<T>> String record(EntryKind<T, F> kind, PatientId patient,
			HttpServletRequest request, Model model, HttpServletResponse response) {
		F form = bind(kind.form(), request);
		Map<String, String> errors = new LinkedHashMap<>();
		T entry = form.entry(patient, null, today(), errors);
		if (entry != null) {
			try {
				clinical.record(kind.kind(), entry);
				return chart(patient, kind);
			}
			catch (InvalidInputException ex) {
				errors.put("form", ex.getMessage());
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return page(kind, patient, form, null, errors, model);
	}

	private <T extends ClinicalEntry, F extends EntryForm<T>> String show(EntryKind<T, F> kind, long patient,
			long entry, Model model) {
		T current = of(patient, clinical.read(kind.kind(), entry));
		return page(kind, current.patient(), kind.formOf().apply(current), current, Map.of(), model);
	}

	private <T extends ClinicalEntry, F extends EntryForm<T>> String update(EntryKind<T, F> kind, long patient,
			long entry, HttpServletRequest request, Model model, HttpServletResponse response) {
		T current = of(patient, clinical.read(kind.kind(), entry));
		F form = bind(kind.form(), request);
		Map<String, String> errors = new LinkedHashMap<>();
		T changed = form.entry(current.patient(), current, today(), errors);
		if (changed != null) {
			try {
				clinical.update(kind.kind(), entry, ClinicalForms.version(form.version(), "entry"), changed);
				return chart(current.patient(), kind);
			}
			catch (VersionConflictException ex) {
				T now = clinical.read(kind.kind(), entry);
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

	private String page(EntryKind<?, ?> kind, PatientId patient, EntryForm<?> form, @Nullable ClinicalEntry entry,
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

	/**
	 * The kind's form from the request's fields, bound the way {@code @ModelAttribute}
	 * binds a record: each component from the field of its name.
	 */
	private static <F> F bind(Class<F> type, HttpServletRequest request) {
		ServletRequestDataBinder binder = new ServletRequestDataBinder(null, "form");
		binder.setTargetType(ResolvableType.forClass(type));
		binder.construct(request);
		return type.cast(binder.getTarget());
	}

	/** The entry, if it is one of this patient's (or of a duplicate merged into them). */
	private static <T extends ClinicalEntry> T of(long patient, T entry) {
		if (entry.patient().value() != patient) {
			throw new PatientNotFoundException("No such entry in the chart of patient " + patient);
		}
		return entry;
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(HOSPITAL_ZONE));
	}

	private static String chart(PatientId patient, EntryKind<?, ?> kind) {
		return "redirect:/patients/" + patient.asString() + (kind.section().isEmpty() ? "" : "#" + kind.section());
	}

}
