package continuum.patients;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * What registration staff enter about a patient: everything but the generated MRN, the id
 * and the version. Self-validating; a broken rule is an {@link InvalidInputException}
 * whose message names the field, never its value.
 */
public record PatientData(List<Identifier> identifiers, String family, List<String> given, @Nullable String prefix,
		@Nullable LocalDate birthDate, Gender gender, Address address, @Nullable String phone, @Nullable String email,
		@Nullable String language, boolean deceased) {

	public PatientData {
		identifiers = List.copyOf(identifiers == null ? List.of() : identifiers);
		if (identifiers.stream().map(Identifier::system).distinct().count() < identifiers.size()) {
			throw new InvalidInputException("At most one identifier per system");
		}
		family = required(family, "family name", 200);
		given = given == null ? List.of() : given.stream().map(String::strip).filter(g -> !g.isEmpty()).toList();
		if (String.join(" ", given).length() > 300) {
			throw new InvalidInputException("Given names are longer than 300 characters");
		}
		prefix = optional(prefix, "prefix", 50);
		if (gender == null) {
			throw new InvalidInputException("Administrative gender is required");
		}
		address = address == null ? Address.NONE
				: new Address(optional(address.line(), "address line", 300),
						optional(address.postalCode(), "postal code", 20), optional(address.city(), "city", 100),
						optional(address.country(), "country", 2));
		phone = optional(phone, "phone", 50);
		email = optional(email, "email", 200);
		language = optional(language, "language", 10);
		if (language != null && !language.matches("[a-z]{2,3}(-[A-Z]{2})?")) {
			throw new InvalidInputException("Language must be a code such as nl, fr, de, en or nl-BE");
		}
		if (birthDate != null && birthDate.getYear() < 1850) {
			throw new InvalidInputException("Birth date is before 1850");
		}
	}

	/**
	 * The latest birth date anyone may be registered with: today's date where it is
	 * furthest ahead (UTC+14), so that a child born just after midnight, anywhere, is
	 * never refused as born "in the future" by a server whose clock is still on
	 * yesterday.
	 */
	public static LocalDate latestBirthDate(Clock clock) {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.ofHours(14));
	}

	/**
	 * Refuses data whose birth date is later than {@link #latestBirthDate}.
	 * @throws InvalidInputException when it is
	 */
	void requireBornBy(Clock clock) {
		if (birthDate != null && birthDate.isAfter(latestBirthDate(clock))) {
			throw new InvalidInputException("Birth date is in the future");
		}
	}

	/** The same data with a different list of identifiers. */
	public PatientData withIdentifiers(List<Identifier> newIdentifiers) {
		return new PatientData(newIdentifiers, family, given, prefix, birthDate, gender, address, phone, email,
				language, deceased);
	}

	static String required(@Nullable String value, String field, int max) {
		String v = optional(value, field, max);
		if (v == null) {
			throw new InvalidInputException("The " + field + " is required");
		}
		return v;
	}

	static @Nullable String optional(@Nullable String value, String field, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String v = value.strip();
		if (v.length() > max) {
			throw new InvalidInputException("The " + field + " is longer than " + max + " characters");
		}
		return v;
	}

}
