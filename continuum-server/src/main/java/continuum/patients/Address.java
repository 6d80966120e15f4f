package continuum.patients;

import org.jspecify.annotations.Nullable;

/** A postal address; every part optional, country as ISO 3166-1 alpha-2. */
public record Address(@Nullable String line, @Nullable String postalCode, @Nullable String city,
		@Nullable String country) {

	public static final Address NONE = new Address(null, null, null, null);

	public boolean isEmpty() {
		return line == null && postalCode == null && city == null && country == null;
	}

}
