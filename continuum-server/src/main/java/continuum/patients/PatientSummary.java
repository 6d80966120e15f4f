package continuum.patients;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * The few facts other modules show about a patient (banners, census lists); given names
 * joined by a space.
 */
public record PatientSummary(PatientId id, String mrn, String family, String given, @Nullable LocalDate birthDate,
		Gender gender) {
}
