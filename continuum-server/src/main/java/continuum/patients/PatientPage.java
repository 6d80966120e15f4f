package continuum.patients;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of search results and the total number of matches. Restricted records the
 * caller may not open are not among them nor in the total; {@code restricted} lists up to
 * ten of those that match, by name and birth date only, so that a clinician can find the
 * patient and break the glass (the web search shows them; FHIR leaves them out).
 */
public record PatientPage(List<Patient> patients, int total, int offset, List<RestrictedHit> restricted) {

	public PatientPage(List<Patient> patients, int total, int offset) {
		this(patients, total, offset, List.of());
	}

	/**
	 * A restricted record in a result list: what identifies the patient, nothing more.
	 */
	public record RestrictedHit(PatientId id, String family, List<String> given, @Nullable LocalDate birthDate) {
	}

}
