package continuum.adt;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Criteria of a location search; each one that is set must match ({@code name}: contains,
 * case-insensitive; {@code specialties}: any of them, empty for all).
 */
public record LocationQuery(@Nullable String name, @Nullable LocationKind kind, @Nullable LocationRef partOf,
		Set<Specialty> specialties) {

	public LocationQuery {
		specialties = Set.copyOf(specialties);
	}

}
