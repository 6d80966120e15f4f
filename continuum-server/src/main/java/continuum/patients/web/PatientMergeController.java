package continuum.patients.web;

import java.util.ArrayList;
import java.util.List;

import continuum.patients.Identifier;
import continuum.patients.NationalNumber;
import continuum.patients.Patient;
import continuum.patients.PatientId;
import continuum.patients.PatientMergeService;
import continuum.patients.PatientNotFoundException;
import continuum.patients.PatientQuery;
import continuum.patients.PatientService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Merges a duplicate registration into the surviving patient: both are chosen (from the
 * search page or by searching here), shown side by side, and merged only after an
 * explicit confirmation. Afterwards the duplicate's chart opens the survivor's. Offered
 * to the roles that may update patients; every patient shown is read through the audited
 * service.
 */
@Controller
class PatientMergeController {

	static final int CANDIDATES = 10;

	static final String DENIED = "Your role may not merge patients: a merge changes two patients' records, which needs "
			+ "the right to update patients (physicians, nurses and registration staff). Ask one of them to merge.";

	private final PatientService patients;

	private final PatientMergeService merges;

	PatientMergeController(PatientService patients, PatientMergeService merges) {
		this.patients = patients;
		this.merges = merges;
	}

	@GetMapping("/patients/merge")
	String form(@RequestParam(name = "duplicate", required = false) @Nullable String duplicate,
			@RequestParam(name = "survivor", required = false) @Nullable String survivor,
			@RequestParam(name = "q", required = false) @Nullable String q, Model model, HttpServletResponse response) {
		if (!merges.mayMerge()) {
			return denied(model, response);
		}
		List<String> problems = new ArrayList<>();
		show(id(duplicate, "duplicate", problems), id(survivor, "survivor", problems), problems, model);
		String text = q == null ? "" : q.strip();
		if (text.length() > 200) {
			text = text.substring(0, 200);
		}
		model.addAttribute("q", text);
		if (!text.isEmpty()) {
			model.addAttribute("candidates", patients.search(PatientQuery.text(text, CANDIDATES)));
		}
		return "patients/merge";
	}

	@PostMapping("/patients/merge")
	String merge(@RequestParam(name = "duplicate", required = false) @Nullable String duplicate,
			@RequestParam(name = "survivor", required = false) @Nullable String survivor,
			@RequestParam(name = "confirm", required = false) @Nullable String confirm, Model model,
			HttpServletResponse response) {
		List<String> problems = new ArrayList<>();
		PatientId duplicateId = id(duplicate, "duplicate", problems);
		PatientId survivorId = id(survivor, "survivor", problems);
		if (duplicateId == null || survivorId == null) {
			if (!merges.mayMerge()) {
				return denied(model, response);
			}
			if (problems.isEmpty()) {
				problems.add("Choose both the duplicate and the survivor before merging.");
			}
			return refused(HttpStatus.UNPROCESSABLE_CONTENT, duplicateId, survivorId, problems, model, response);
		}
		if (merges.mayMerge() && !"yes".equals(confirm)) {
			problems.add("Tick the confirmation box: nothing was merged.");
			return refused(HttpStatus.UNPROCESSABLE_CONTENT, duplicateId, survivorId, problems, model, response);
		}
		try {
			// The service checks the right first and audits a refusal.
			merges.merge(duplicateId, survivorId);
			return "redirect:/patients/" + survivorId;
		}
		catch (AccessDeniedException ex) {
			return denied(model, response);
		}
		catch (InvalidInputException ex) {
			return refused(HttpStatus.UNPROCESSABLE_CONTENT, duplicateId, survivorId, problems, model, response);
		}
		catch (PatientNotFoundException ex) {
			return refused(HttpStatus.NOT_FOUND, duplicateId, survivorId, problems, model, response);
		}
		catch (ConflictException ex) {
			return refused(HttpStatus.CONFLICT, duplicateId, survivorId, problems, model, response);
		}
	}

	/**
	 * The page again with what stands in the way; {@link #show} finds the reason from the
	 * patients as stored.
	 */
	private String refused(HttpStatus status, @Nullable PatientId duplicate, @Nullable PatientId survivor,
			List<String> problems, Model model, HttpServletResponse response) {
		int known = problems.size();
		show(duplicate, survivor, problems, model);
		if (problems.size() == known && status != HttpStatus.UNPROCESSABLE_CONTENT) {
			problems.add("The merge was refused because one of the patients changed meanwhile. Check both again.");
		}
		response.setStatus(status.value());
		model.addAttribute("q", "");
		return "patients/merge";
	}

	private String denied(Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.FORBIDDEN.value());
		model.addAttribute("denied", DENIED);
		return "patients/merge";
	}

	/**
	 * Puts both sides and the problems in the model; ready when both are chosen and
	 * nothing stands in the way.
	 */
	private void show(@Nullable PatientId duplicateId, @Nullable PatientId survivorId, List<String> problems,
			Model model) {
		Patient duplicate = load(duplicateId, "duplicate", problems);
		Patient survivor = load(survivorId, "survivor", problems);
		if (duplicate != null && survivor != null && duplicate.id().equals(survivor.id())) {
			problems.add("The duplicate and the survivor are the same patient (MRN " + duplicate.mrn()
					+ "). Choose two different registrations.");
		}
		else {
			if (duplicate != null && duplicate.isMerged()) {
				problems.add("MRN " + duplicate.mrn() + " was already merged into another patient: there is nothing "
						+ "left to merge. Its chart opens the surviving patient's.");
			}
			if (survivor != null && survivor.isMerged()) {
				problems.add("MRN " + survivor.mrn() + " was itself merged into another patient, so it cannot be the "
						+ "survivor. Choose the patient it was merged into instead.");
			}
		}
		model.addAttribute("duplicate", duplicate == null ? null : Side.of(duplicate));
		model.addAttribute("survivor", survivor == null ? null : Side.of(survivor));
		model.addAttribute("duplicateId", duplicateId == null ? null : duplicateId.asString());
		model.addAttribute("survivorId", survivorId == null ? null : survivorId.asString());
		model.addAttribute("problems", problems);
		model.addAttribute("ready", duplicate != null && survivor != null && problems.isEmpty());
	}

	private @Nullable Patient load(@Nullable PatientId id, String side, List<String> problems) {
		if (id == null) {
			return null;
		}
		try {
			return patients.read(id);
		}
		catch (PatientNotFoundException ex) {
			problems.add("There is no patient " + id + " to be the " + side + ".");
			return null;
		}
	}

	/** A patient id from a form or link; blank means not chosen yet. */
	private static @Nullable PatientId id(@Nullable String value, String side, List<String> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return PatientId.of(value.strip());
		}
		catch (InvalidInputException ex) {
			problems.add("The " + side + " is not a patient id; choose the patient from the search results.");
			return null;
		}
	}

	/**
	 * One side of the comparison, with the national number formatted as staff read it.
	 */
	record Side(Patient patient, @Nullable String nationalNumber) {

		static Side of(Patient patient) {
			String number = patient.identifier(Identifier.SSIN_SYSTEM)
				.map(i -> NationalNumber.isValid(i.value()) ? NationalNumber.parse(i.value()).formatted() : i.value())
				.orElse(null);
			return new Side(patient, number);
		}

	}

}
