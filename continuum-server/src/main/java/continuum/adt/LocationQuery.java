package continuum.adt;

import java.util.Set;

import continuum.fhir.SearchControls;
import org.jspecify.annotations.Nullable;

/**
 * Criteria of a location search; each one that is set must match ({@code name}: contains,
 * case-insensitive; {@code specialties}: any of them, empty for all; {@code topLevel}:
 * whether the place is part of no other, i.e. a ward). {@code controls} carry the
 * parameters every FHIR type has ({@code _id}, {@code _sort}).
 */
public record LocationQuery(@Nullable String name, @Nullable LocationKind kind, @Nullable LocationRef partOf,
		Set<Specialty> specialties, @Nullable Boolean topLevel, SearchControls controls) {

	public LocationQuery(@Nullable String name, @Nullable LocationKind kind, @Nullable LocationRef partOf,
			Set<Specialty> specialties) {
		this(name, kind, partOf, specialties, null, SearchControls.NONE);
	}

	public LocationQuery {
		specialties = Set.copyOf(specialties);
	}

}
