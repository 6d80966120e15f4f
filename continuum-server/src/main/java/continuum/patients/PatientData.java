package continuum.patients;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * What registration staff enter about a patient: everything but the generated MRN, the id
 * and the version. Self-validating; a broken rule is an {@link InvalidInputException}
 * whose message names the field, never its value.
 * <p>
 * {@code names} are all the patient's names, the registered one among them: the first
 * with a family name, whose family name, given names and first prefix are always
 * {@code family}, {@code given} and {@code prefix}. {@code telecoms} are all the ways to
 * reach the patient; {@code phone} and {@code email} are the first phone and the first
 * e-mail among them. Built from the registration form alone (no lists), the registered
 * name and the phone and e-mail are all there is; a changed {@code family}, {@code phone}
 * or {@code email} replaces the one in the lists, so the lists and the fields never
 * disagree.
 */
public record PatientData(List<Identifier> identifiers, String family, List<String> given, @Nullable String prefix,
		@Nullable LocalDate birthDate, Gender gender, Address address, @Nullable String phone, @Nullable String email,
		@Nullable String language, boolean deceased, List<PersonName> names, List<Telecom> telecoms) {

	/** The data of the registration form: one name, a phone and an e-mail. */
	public PatientData(List<Identifier> identifiers, String family, List<String> given, @Nullable String prefix,
			@Nullable LocalDate birthDate, Gender gender, Address address, @Nullable String phone,
			@Nullable String email, @Nullable String language, boolean deceased) {
		this(identifiers, family, given, prefix, birthDate, gender, address, phone, email, language, deceased,
				List.of(), List.of());
	}

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
						optional(address.country(), "country", 3));
		phone = optional(phone, "phone", 50);
		email = optional(email, "email", 200);
		language = optional(language, "language", 10);
		if (language != null && !language.matches("[a-z]{2,3}(-[A-Z]{2})?")) {
			throw new InvalidInputException("Language must be a code such as nl, fr, de, en or nl-BE");
		}
		if (birthDate != null && birthDate.getYear() < 1850) {
			throw new InvalidInputException("Birth date is before 1850");
		}
		names = reconciledNames(names, family, given, prefix);
		List<Telecom> reached = new ArrayList<>(telecoms == null ? List.of() : telecoms);
		if (reached.size() > 20) {
			throw new InvalidInputException("More than 20 contact points");
		}
		phone = reconcile(reached, Telecom.PHONE, phone);
		email = reconcile(reached, Telecom.EMAIL, email);
		telecoms = List.copyOf(reached);
	}

	/**
	 * Whether the names and contact points are only what the registration form holds: the
	 * registered name (official, no suffix, no period) and at most a phone and an e-mail
	 * without use, rank or period.
	 */
	public boolean hasOnlyFormNamesAndTelecoms() {
		return names.equals(List.of(PersonName.registered(family, given, prefix)))
				&& telecoms.equals(formTelecoms(phone, email));
	}

	private static List<PersonName> reconciledNames(@Nullable List<PersonName> names, String family, List<String> given,
			@Nullable String prefix) {
		List<PersonName> all = new ArrayList<>(names == null ? List.of() : names);
		if (all.size() > 10) {
			throw new InvalidInputException("More than 10 names");
		}
		for (int i = 0; i < all.size(); i++) {
			if (all.get(i).family() != null) {
				all.set(i, all.get(i).withRegistered(family, given, prefix));
				return List.copyOf(all);
			}
		}
		all.add(0, PersonName.registered(family, given, prefix));
		return List.copyOf(all);
	}

	/**
	 * Makes the first contact point of the system hold the value (adding one, or removing
	 * the first when the value is gone) and answers the value of the first that is left.
	 */
	private static @Nullable String reconcile(List<Telecom> telecoms, String system, @Nullable String value) {
		int first = -1;
		for (int i = 0; i < telecoms.size() && first < 0; i++) {
			if (telecoms.get(i).system().equals(system)) {
				first = i;
			}
		}
		if (value == null) {
			if (first >= 0) {
				telecoms.remove(first);
			}
			return telecoms.stream()
				.filter(t -> t.system().equals(system))
				.map(Telecom::value)
				.findFirst()
				.orElse(null);
		}
		if (first >= 0) {
			telecoms.set(first, telecoms.get(first).withValue(value));
		}
		else {
			telecoms.add(Telecom.of(system, value));
		}
		return value;
	}

	private static List<Telecom> formTelecoms(@Nullable String phone, @Nullable String email) {
		List<Telecom> telecoms = new ArrayList<>();
		if (phone != null) {
			telecoms.add(Telecom.of(Telecom.PHONE, phone));
		}
		if (email != null) {
			telecoms.add(Telecom.of(Telecom.EMAIL, email));
		}
		return telecoms;
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
				language, deceased, names, telecoms);
	}

	/**
	 * This data (from the registration form) with the other names and contact points of
	 * {@code current}: what the form does not show is kept.
	 */
	public PatientData withNamesAndTelecomsOf(PatientData current) {
		return new PatientData(identifiers, family, given, prefix, birthDate, gender, address, phone, email, language,
				deceased, current.names, current.telecoms);
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
