package continuum.adt;

import org.jspecify.annotations.Nullable;

/**
 * A ward, room or bed as the FHIR Location API shows it. Beds carry their status and
 * whether someone lies in them (never who). Every place has a version that each change to
 * its row raises (its versions are kept: {@link LocationHistoryService}).
 */
public record Place(LocationRef ref, String code, String name, @Nullable LocationRef partOf, Specialty specialty,
		@Nullable BedStatus bedStatus, boolean occupied, @Nullable Integer version) {
}
