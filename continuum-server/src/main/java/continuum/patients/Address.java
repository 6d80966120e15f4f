package continuum.patients;

import org.jspecify.annotations.Nullable;

/**
 * A postal address; every part optional, country as an ISO 3166-1 code of 2 or 3 letters
 * (BE, NLD), as FHIR R4 allows.
 */
public record Address(@Nullable String line, @Nullable String postalCode, @Nullable String city,
		@Nullable String country) {

	public static final Address NONE = new Address(null, null, null, null);

	public boolean isEmpty() {
		return line == null && postalCode == null && city == null && country == null;
	}

}
