package continuum.adt;

import java.time.Instant;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Who lies in a bed, as the census shows it: name, MRN, age in years, sex, when the
 * encounter started (admitted) and since when in this bed (later than admitted after a
 * transfer).
 */
public record Occupant(EncounterId encounter, PatientId patient, String name, String mrn, @Nullable Integer age,
		String sex, Instant admitted, Instant since) {
}
