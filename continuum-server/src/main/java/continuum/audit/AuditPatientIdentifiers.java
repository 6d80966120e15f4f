package continuum.audit;

import java.util.Collection;
import java.util.Map;

/**
 * The medical record numbers of patients by id, for the audit messages sent off the
 * machine (IHE ATNA), which name a patient by MRN and never by name. Implemented by the
 * patients module (audit cannot depend on it); without an implementation messages carry
 * the patient's id.
 */
public interface AuditPatientIdentifiers {

	/** The MRN of each of these patient ids that has one. */
	Map<String, String> mrns(Collection<String> patientIds);

}
