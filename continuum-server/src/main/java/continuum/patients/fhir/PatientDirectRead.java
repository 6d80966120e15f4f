package continuum.patients.fhir;

import java.util.Optional;
import java.util.OptionalLong;

import continuum.fhir.DirectRead;
import continuum.fhir.ResourceIds;
import continuum.patients.Patient;
import continuum.patients.PatientId;
import continuum.patients.PatientNotFoundException;
import continuum.patients.PatientService;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Component;

/**
 * The plain FHIR read of a Patient, answered by {@link PatientService#read} (access
 * check, audit row in the reading statement) and {@link PatientJson}; the FHIR server
 * serves it without HAPI's dispatch. An id that is not a patient's, or a caller who may
 * not read patients, is left to the full server, which refuses or reports it as before.
 */
@Component
class PatientDirectRead implements DirectRead {

	private final PatientService patients;

	private final AccessControl access;

	PatientDirectRead(PatientService patients, AccessControl access) {
		this.patients = patients;
		this.access = access;
	}

	@Override
	public String resourceType() {
		return "Patient";
	}

	@Override
	public Optional<Found> read(String id) {
		OptionalLong value = ResourceIds.parse(id);
		if (value.isEmpty() || !access.allows("Patient", Interaction.READ)) {
			return Optional.empty();
		}
		try {
			Patient patient = patients.read(new PatientId(value.getAsLong()));
			return Optional
				.of(new Found(PatientJson.write(patient), Integer.toString(patient.version()), patient.lastUpdated()));
		}
		catch (PatientNotFoundException ex) {
			return Optional.empty();
		}
	}

}
