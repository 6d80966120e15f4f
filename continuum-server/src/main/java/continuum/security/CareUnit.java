package continuum.security;

import org.jspecify.annotations.Nullable;

/**
 * Where a member of staff works: the code of the ward they care on and their department
 * (as a ward's specialty or a schedule's department names it), either or both unset. The
 * rule for restricted records reads it; {@code staffId} makes the FHIR reference of the
 * staff member's own schedules ({@code Practitioner/<id>}).
 */
public record CareUnit(long staffId, @Nullable String wardCode, @Nullable String department) {

	public String practitionerReference() {
		return "Practitioner/" + staffId;
	}

}
