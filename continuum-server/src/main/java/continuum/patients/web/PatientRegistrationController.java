package continuum.patients.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.Identifier;
import continuum.patients.NationalNumber;
import continuum.patients.Patient;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientQuery;
import continuum.patients.PatientService;
import continuum.platform.ConflictException;
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

/**
 * Registers a patient from a form. Mistakes are answered field by field, in words a
 * registration clerk can act on (a national number that does not match the birth date or
 * sex, a birth date in the future); the form keeps what was typed.
 */
@Controller
class PatientRegistrationController {

	private static final int SIMILAR_SHOWN = 10;

	private final PatientService patients;

	private final AccessControl access;

	private final Clock clock;

	PatientRegistrationController(PatientService patients, AccessControl access, Clock clock) {
		this.patients = patients;
		this.access = access;
		this.clock = clock;
	}

	@GetMapping("/patients/new")
	String form(Model model) {
		model.addAttribute("form", RegistrationForm.empty());
		model.addAttribute("errors", Map.of());
		return "patients/register";
	}

	@PostMapping("/patients/new")
	String register(@ModelAttribute RegistrationForm form, Model model, HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		PatientData data = check(form, errors);
		if (data != null) {
			List<Patient> similar = form.isConfirmedNew() ? List.of() : similar(data);
			if (!similar.isEmpty()) {
				response.setStatus(HttpStatus.CONFLICT.value());
				model.addAttribute("form", form);
				model.addAttribute("errors", Map.of());
				model.addAttribute("similar", similar);
				return "patients/register";
			}
			try {
				Patient patient = patients.register(data);
				return "redirect:/patients/" + patient.id();
			}
			catch (ConflictException ex) {
				errors.put("nationalNumber", "This national number is already registered for another patient. "
						+ "Search for the patient instead of registering again.");
			}
			catch (InvalidInputException ex) {
				errors.put("form", ex.getMessage());
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "patients/register";
	}

	/**
	 * Patients already registered who may be the same person: the same family name and
	 * birth date (the given names are not compared: Jan and Johannes may be one man).
	 * Only with a birth date; audited as the search it is.
	 */
	private List<Patient> similar(PatientData data) {
		if (data.birthDate() == null) {
			return List.of();
		}
		return patients
			.search(new PatientQuery(null, null, data.family(), null, null, null, data.birthDate(), data.birthDate(),
					null, SIMILAR_SHOWN, 0))
			.patients()
			.stream()
			.filter(p -> !p.isMerged())
			.toList();
	}

	@GetMapping("/patients/{id:\\d+}/edit")
	String editForm(@PathVariable long id, Model model) {
		Patient patient = patients.get(new PatientId(id));
		if (patient.id().value() != id) {
			return "redirect:/patients/" + patient.id() + "/edit";
		}
		access.require("Patient", Interaction.UPDATE, patient.id().asString(), patient.id().asString());
		return editPage(patient, RegistrationForm.of(patient), Map.of(), model);
	}

	/**
	 * Changes the registration. Identifiers other than the national number (those of
	 * other systems, kept by interfaces), the country and the deceased flag are kept as
	 * they are; the MRN never changes.
	 */
	@PostMapping("/patients/{id:\\d+}/edit")
	String edit(@PathVariable long id, @ModelAttribute RegistrationForm form, Model model,
			HttpServletResponse response) {
		Patient current = patients.read(new PatientId(id));
		if (current.isMerged()) {
			throw new ConflictException(
					"This registration was merged into patient " + current.mergedInto() + ": change that one instead");
		}
		Map<String, String> errors = new LinkedHashMap<>();
		PatientData typed = check(form, errors);
		if (typed != null) {
			List<Identifier> identifiers = new ArrayList<>(typed.identifiers());
			current.identifiers().stream().filter(i -> !i.isSsin() && !i.isMrn()).forEach(identifiers::add);
			String country = current.data().address().country() != null ? current.data().address().country()
					: typed.address().country();
			try {
				PatientData data = new PatientData(identifiers, typed.family(), typed.given(), typed.prefix(),
						typed.birthDate(), typed.gender(),
						new Address(typed.address().line(), typed.address().postalCode(), typed.address().city(),
								typed.address().isEmpty() ? null : country),
						typed.phone(), typed.email(), typed.language(), form.isDeceased())
					.withNamesAndTelecomsOf(current.data());
				patients.update(current.id(), ClinicalForms.version(form.version(), "registration"), data);
				return "redirect:/patients/" + current.id();
			}
			catch (VersionConflictException ex) {
				Patient now = patients.read(current.id());
				response.setStatus(HttpStatus.CONFLICT.value());
				return editPage(now, RegistrationForm.of(now), Map
					.of("form", "Someone else changed this registration while you were editing it. It is "
							+ "shown below as it is now: check it, and make your change again if it is still needed."),
						model);
			}
			catch (ConflictException ex) {
				errors.put("nationalNumber", ex.getMessage() + ".");
			}
			catch (InvalidInputException ex) {
				errors.put("form", ex.getMessage());
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return editPage(current, form, errors, model);
	}

	private String editPage(Patient patient, RegistrationForm form, Map<String, String> errors, Model model) {
		model.addAttribute("patient", patient);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "patients/register";
	}

	private @Nullable PatientData check(RegistrationForm form, Map<String, String> errors) {
		if (blank(form.family())) {
			errors.put("family", "Enter the family name.");
		}
		Gender gender = null;
		if (blank(form.gender())) {
			errors.put("gender", "Choose the administrative sex.");
		}
		else {
			try {
				gender = Gender.ofCode(form.gender());
			}
			catch (InvalidInputException ex) {
				errors.put("gender", "Choose one of the listed values.");
			}
		}
		LocalDate birthDate = null;
		if (!blank(form.birthDate())) {
			try {
				birthDate = LocalDate.parse(form.birthDate().strip());
				if (birthDate.isAfter(PatientData.latestBirthDate(clock))) {
					errors.put("birthDate", "The birth date is in the future.");
				}
				else if (birthDate.getYear() < 1850) {
					errors.put("birthDate", "The birth date is before 1850.");
				}
			}
			catch (DateTimeParseException ex) {
				errors.put("birthDate", "Enter the birth date as YYYY-MM-DD, e.g. 1985-07-30.");
			}
		}
		List<Identifier> identifiers = List.of();
		if (!blank(form.nationalNumber())) {
			if (!NationalNumber.isValid(form.nationalNumber())) {
				errors.put("nationalNumber",
						"This is not a valid national number: 11 digits (YY.MM.DD-SSS.CC) with a matching check number.");
			}
			else {
				NationalNumber number = NationalNumber.parse(form.nationalNumber());
				String mismatch = mismatch(number, birthDate, gender);
				if (mismatch != null) {
					errors.put("nationalNumber", mismatch);
				}
				identifiers = List.of(Identifier.ssin(number.digits()));
			}
		}
		if (!blank(form.email()) && !form.email().contains("@")) {
			errors.put("email", "Enter an e-mail address such as name@example.be, or leave it empty.");
		}
		if (!errors.isEmpty()) {
			return null;
		}
		try {
			return new PatientData(identifiers, form.family(),
					blank(form.given()) ? List.of() : Arrays.asList(form.given().strip().split("\\s+")), form.prefix(),
					birthDate, gender,
					new Address(form.addressLine(), form.postalCode(), form.city(), blank(form.city()) ? null : "BE"),
					form.phone(), form.email(), blank(form.language()) ? null : form.language(), false);
		}
		catch (InvalidInputException ex) {
			errors.put("form", ex.getMessage());
			return null;
		}
	}

	/**
	 * Why a national number does not fit the birth date or sex entered, or null when it
	 * fits.
	 */
	static @Nullable String mismatch(NationalNumber number, @Nullable LocalDate birthDate, @Nullable Gender gender) {
		String digits = number.digits();
		if (birthDate != null && !digits.substring(0, 6)
			.equals(String.format("%02d%02d%02d", birthDate.getYear() % 100, birthDate.getMonthValue(),
					birthDate.getDayOfMonth()))) {
			return "The national number does not match the birth date (its first six digits are YYMMDD).";
		}
		int serial = Integer.parseInt(digits.substring(6, 9));
		if (gender == Gender.MALE && serial % 2 == 0 || gender == Gender.FEMALE && serial % 2 == 1) {
			return "The national number does not match the sex (digits 7 to 9 are odd for men, even for women).";
		}
		return null;
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
