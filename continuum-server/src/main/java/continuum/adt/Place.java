package continuum.adt;

import org.jspecify.annotations.Nullable;

/**
 * A ward, room or bed as the FHIR Location API shows it. Beds carry their status, whether
 * someone lies in them (never who) and a version that each status change raises; wards
 * and rooms have none.
 */
public record Place(LocationRef ref, String code, String name, @Nullable LocationRef partOf, Specialty specialty,
		@Nullable BedStatus bedStatus, boolean occupied, @Nullable Integer version) {
}
