package continuum.security;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The rule for restricted patients' records, as the module that owns the restrictions
 * states it (the privacy module). Security calls it from its two choke points, the access
 * check and the audit row of every access to a patient, so that no service can reach a
 * restricted record without it; the rule itself needs wards and appointments, which sit
 * above security, hence this interface. With no implementation, no record is restricted.
 */
public interface PatientAccessPolicy {

	/**
	 * How {@code user} may reach each of the restricted patients among
	 * {@code patientIds}; patients who are not restricted are left out of the answer.
	 */
	Map<String, PatientAccess> restricted(ActingUser user, Collection<String> patientIds);

	/**
	 * The restricted patients {@code user} may not open now: no care relationship and no
	 * break-the-glass in force. Searches leave them out.
	 */
	Set<Long> hiddenFrom(ActingUser user);

	/**
	 * Resource types of the policy's own audit rows (a restriction set, the glass broken,
	 * a report made), which name a patient without reading the record.
	 */
	Set<String> ownResourceTypes();

}
