package continuum.patients;

import java.util.List;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * One name of a patient as FHIR R4 HumanName has it: the registered name (use
 * {@code official} unless given otherwise), and the others a patient is known by (usual,
 * nickname, maiden, old...). The period's ends are FHIR dateTime strings (a year, a date
 * or an instant), kept as given. Parts are stripped; a name holds at least one part.
 */
public record PersonName(@Nullable String use, @Nullable String text, @Nullable String family, List<String> given,
		List<String> prefix, List<String> suffix, @Nullable String periodStart, @Nullable String periodEnd) {

	private static final List<String> USES = List.of("usual", "official", "temp", "nickname", "anonymous", "old",
			"maiden");

	public PersonName {
		if (use != null && !USES.contains(use)) {
			throw new InvalidInputException("A name's use must be one of " + String.join(", ", USES));
		}
		text = PatientData.optional(text, "name text", 300);
		family = PatientData.optional(family, "family name", 200);
		given = parts(given, "given name");
		prefix = parts(prefix, "name prefix");
		suffix = parts(suffix, "name suffix");
		periodStart = PatientData.optional(periodStart, "name period start", 40);
		periodEnd = PatientData.optional(periodEnd, "name period end", 40);
		if (text == null && family == null && given.isEmpty()) {
			throw new InvalidInputException("A name needs a family name, a given name or a text");
		}
	}

	/** The registered name as the registration form has it. */
	static PersonName registered(String family, List<String> given, @Nullable String prefix) {
		return new PersonName("official", null, family, given, prefix == null ? List.of() : List.of(prefix), List.of(),
				null, null);
	}

	/**
	 * This name with the registered family name, given names and first prefix; its other
	 * parts, use and period stay.
	 */
	PersonName withRegistered(String newFamily, List<String> newGiven, @Nullable String newPrefix) {
		List<String> prefixes;
		if (newPrefix == null) {
			prefixes = List.of();
		}
		else if (!prefix.isEmpty() && prefix.get(0).equals(newPrefix)) {
			prefixes = prefix;
		}
		else {
			prefixes = new java.util.ArrayList<>();
			prefixes.add(newPrefix);
			prefixes.addAll(prefix.isEmpty() ? List.of() : prefix.subList(1, prefix.size()));
		}
		return new PersonName(use, text, newFamily, newGiven, prefixes, suffix, periodStart, periodEnd);
	}

	private static List<String> parts(@Nullable List<String> values, String field) {
		if (values == null) {
			return List.of();
		}
		if (values.size() > 20) {
			throw new InvalidInputException("A name has more than 20 parts of one kind");
		}
		return values.stream().map(v -> PatientData.optional(v, field, 200)).filter(v -> v != null).toList();
	}

}
