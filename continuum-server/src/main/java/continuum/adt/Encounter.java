package continuum.adt;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * An encounter of a patient with the hospital, one version of it: its class, status,
 * period, admitting practitioner (a staff username), reason and the beds it used, oldest
 * first.
 */
public record Encounter(EncounterId id, PatientId patient, EncounterClass encounterClass, EncounterStatus status,
		@Nullable Instant start, @Nullable Instant end, @Nullable String practitioner, @Nullable String reason,
		int version, Instant lastUpdated, List<BedStay> locations) {

	public Encounter {
		locations = List.copyOf(locations);
	}

	/** The bed the patient lies in now, if any. */
	public Optional<BedStay> currentBed() {
		return locations.stream().filter(BedStay::current).findFirst();
	}

}
