package continuum.adt;

import java.util.Collection;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where patients lie now, for deciding who may open a restricted record (a patient on the
 * user's ward, or on a ward of the user's department, is in their care). Not audited and
 * not checked: it answers the decision and is never shown; it names wards, not patients'
 * data.
 */
@Service
public class CareLocations {

	private final EncounterRepository encounters;

	CareLocations(EncounterRepository encounters) {
		this.encounters = encounters;
	}

	/**
	 * Patient id to the ward the patient lies on now; patients not in a bed are left out.
	 */
	@Transactional(readOnly = true)
	public Map<Long, Ward> currentWards(Collection<Long> patientIds) {
		return patientIds.isEmpty() ? Map.of() : encounters.currentWards(patientIds);
	}

}
