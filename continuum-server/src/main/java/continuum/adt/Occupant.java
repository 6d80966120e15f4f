package continuum.adt;

import java.time.Instant;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/** Who lies in a bed, as the census shows it: name, MRN, age in years, sex and since when. */
public record Occupant(EncounterId encounter, PatientId patient, String name, String mrn, @Nullable Integer age,
		String sex, Instant since) {
}
