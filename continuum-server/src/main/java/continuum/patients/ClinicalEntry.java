package continuum.patients;

import java.time.Instant;

/** An entry of a patient's clinical record, versioned like every FHIR resource. */
public sealed interface ClinicalEntry permits Allergy, Medication, Problem {

	long id();

	int version();

	PatientId patient();

	Instant lastUpdated();

}
