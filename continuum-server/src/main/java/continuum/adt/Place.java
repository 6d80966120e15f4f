package continuum.adt;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A ward, room or bed as the FHIR Location API shows it. Beds carry their status and
 * whether someone lies in them (never who). Every place has a version that each change to
 * its row raises (its versions are kept: {@link LocationHistoryService}); its
 * {@code lastUpdated} is when its current version was written.
 */
public record Place(LocationRef ref, String code, String name, @Nullable LocationRef partOf, Specialty specialty,
		@Nullable BedStatus bedStatus, boolean occupied, @Nullable Integer version, @Nullable Instant lastUpdated) {

	/** A place whose current version's time is not read (a kept version's row). */
	public Place(LocationRef ref, String code, String name, @Nullable LocationRef partOf, Specialty specialty,
			@Nullable BedStatus bedStatus, boolean occupied, @Nullable Integer version) {
		this(ref, code, name, partOf, specialty, bedStatus, occupied, version, null);
	}

}
