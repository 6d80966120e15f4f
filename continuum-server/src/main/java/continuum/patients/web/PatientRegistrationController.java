package continuum.patients.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
import continuum.patients.PatientService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Registers a patient from a form. Mistakes are answered field by field, in words a
 * registration clerk can act on (a national number that does not match the birth date or
 * sex, a birth date in the future); the form keeps what was typed.
 */
@Controller
class PatientRegistrationController {

	private final PatientService patients;

	private final Clock clock;

	PatientRegistrationController(PatientService patients, Clock clock) {
		this.patients = patients;
		this.clock = clock;
	}

	@GetMapping("/patients/new")
	String form(Model model) {
		model.addAttribute("form", RegistrationForm.empty());
		model.addAttribute("errors", Map.of());
		return "patients/register";
	}

	@PostMapping("/patients/new")
	String register(@ModelAttribute RegistrationForm form, Model model,
			jakarta.servlet.http.HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		PatientData data = check(form, errors);
		if (data != null) {
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
				if (birthDate.isAfter(LocalDate.now(clock))) {
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
