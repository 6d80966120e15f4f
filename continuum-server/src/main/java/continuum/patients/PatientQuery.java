package continuum.patients;

import java.time.LocalDate;
import java.util.List;

import continuum.fhir.SearchControls;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A patient search. {@code text} is what staff type in the search box: name fragments in
 * any order (each must be the start of some part of the family or given names, accents
 * and case ignored), an MRN or national number, a birth date ({@code 30/07/1985},
 * {@code 30.07.1985} or {@code 1985-07-30}). The other criteria are the FHIR search
 * parameters, with the ones every FHIR type has in {@code controls}; all given criteria
 * must hold. Results are ranked: more exact word matches first, then by family name (or
 * as {@code _sort} asks).
 */
public record PatientQuery(@Nullable String text, @Nullable String name, @Nullable String family,
		@Nullable String given, @Nullable String identifierSystem, @Nullable String identifierValue,
		@Nullable LocalDate birthDateFrom, @Nullable LocalDate birthDateTo, @Nullable Gender gender, int limit,
		int offset, List<NameMatch> nameMatches, SearchControls controls) {

	public static final int MAX_LIMIT = 500;

	/**
	 * A name criterion matched as typed rather than by word prefix: {@code exact} (FHIR
	 * {@code :exact}) equals a whole name part, case and accents as stored; otherwise
	 * ({@code :contains}) the part contains it, case ignored.
	 */
	public record NameMatch(Part part, String value, boolean exact) {

		/** Which names: any ({@code name}), the family name or the given names. */
		public enum Part {

			ANY, FAMILY, GIVEN

		}

	}

	public PatientQuery(@Nullable String text, @Nullable String name, @Nullable String family, @Nullable String given,
			@Nullable String identifierSystem, @Nullable String identifierValue, @Nullable LocalDate birthDateFrom,
			@Nullable LocalDate birthDateTo, @Nullable Gender gender, int limit, int offset) {
		this(text, name, family, given, identifierSystem, identifierValue, birthDateFrom, birthDateTo, gender, limit,
				offset, List.of(), SearchControls.NONE);
	}

	public PatientQuery {
		nameMatches = List.copyOf(nameMatches);
		if (limit < 0 || limit > MAX_LIMIT) {
			throw new InvalidInputException("A search answers between 0 and " + MAX_LIMIT + " results per page");
		}
		if (offset < 0) {
			throw new InvalidInputException("A search offset is not negative");
		}
		if (text != null && text.length() > 200) {
			throw new InvalidInputException("A search text is at most 200 characters");
		}
	}

	/** What staff type in the search box. */
	public static PatientQuery text(String text, int limit) {
		return new PatientQuery(text, null, null, null, null, null, null, null, null, limit, 0);
	}

	public PatientQuery page(int newLimit, int newOffset) {
		return new PatientQuery(text, name, family, given, identifierSystem, identifierValue, birthDateFrom,
				birthDateTo, gender, newLimit, newOffset, nameMatches, controls);
	}

}
