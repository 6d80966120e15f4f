package continuum.adt;

import java.time.Instant;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A request to admit a patient. An inpatient admission needs a bed; {@code at} defaults
 * to now; {@code practitioner} is the username of the admitting physician.
 */
public record Admission(PatientId patient, @Nullable BedId bed, EncounterClass encounterClass, @Nullable String reason,
		@Nullable String practitioner, @Nullable Instant at) {
}
