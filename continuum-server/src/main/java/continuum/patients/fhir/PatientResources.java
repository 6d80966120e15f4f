package continuum.patients.fhir;

import java.util.Optional;

import ca.uhn.fhir.rest.param.ReferenceParam;
import continuum.fhir.ResourceIds;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.Patient;
import org.jspecify.annotations.Nullable;
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

	/**
	 * The patient a reference search parameter names ({@code patient=7},
	 * {@code subject=Patient/7}), read by {@link ResourceIds#searched}: empty without the
	 * parameter, and when it names no patient of ours, which a search answers with no
	 * match.
	 */
	public static Optional<PatientId> searched(@Nullable ReferenceParam param) {
		if (param == null) {
			return Optional.empty();
		}
		var id = ResourceIds.searched(param, "Patient");
		return id.isPresent() ? Optional.of(new PatientId(id.getAsLong())) : Optional.empty();
	}

}
