package continuum.patients.fhir;

import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * FHIR Patient resources for other modules' FHIR providers, such as the subject that
 * {@code _include=Encounter:patient} adds to a bundle: the same representation as
 * {@code GET Patient/{id}}, read (and audited) as the patient module reads it.
 */
@Component
public class PatientResources {

	private final PatientService patients;

	PatientResources(PatientService patients) {
		this.patients = patients;
	}

	/**
	 * The patient as stored (a merged duplicate with its link to the survivor), as a FHIR
	 * resource; audited as a read.
	 */
	public Patient read(PatientId id) {
		return PatientMapper.toFhir(patients.read(id));
	}

}
