package continuum.adt;

/**
 * Whether a bed can take a patient. FHIR shows it as {@code Location.operationalStatus}
 * with HL7 v2 table 0116 codes: closed {@code C}, housekeeping {@code H}, and an
 * operational bed as occupied {@code O} or unoccupied {@code U}.
 */
public enum BedStatus {

	OPERATIONAL, CLOSED, HOUSEKEEPING

}
