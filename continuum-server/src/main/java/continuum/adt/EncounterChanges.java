package continuum.adt;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import continuum.security.StaffService;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The steps every change to an encounter shares, whichever use case makes it: checking
 * what the request names, locking the encounter at the expected version, recording the
 * change (audit and change feed) and translating a refusal of the database's unique
 * indexes into a conflict. Runs inside the caller's transaction.
 */
@Component
class EncounterChanges {

	static final String ENCOUNTER = "Encounter";

	private final EncounterRepository encounters;

	private final LocationRepository locations;

	private final PatientService patients;

	private final StaffService staff;

	private final AccessControl access;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final Clock clock;

	EncounterChanges(EncounterRepository encounters, LocationRepository locations, PatientService patients,
			StaffService staff, AccessControl access, AuditService audit, ChangeFeed changes, Clock clock) {
		this.encounters = encounters;
		this.locations = locations;
		this.patients = patients;
		this.staff = staff;
		this.access = access;
		this.audit = audit;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * Now, to the microsecond that PostgreSQL keeps, so that events carry exactly the
	 * stored times.
	 */
	Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	void requireCreate(PatientId patient) {
		access.require(ENCOUNTER, Interaction.CREATE, null, patient.asString());
	}

	/** The patient exists, the practitioner is a member of staff, the reason fits. */
	void checkNames(Admission admission) {
		if (admission.reason() != null && admission.reason().length() > 500) {
			throw new InvalidInputException("The reason is longer than 500 characters");
		}
		if (admission.practitioner() != null && !staff.exists(admission.practitioner())) {
			throw new InvalidInputException("No staff member with username " + admission.practitioner());
		}
		if (!patients.exists(admission.patient())) {
			throw new InvalidInputException("No patient with id " + admission.patient());
		}
	}

	/**
	 * The bed, if it exists, is operational and empty; the unique index still decides
	 * under a race.
	 */
	BedLocation usableBed(BedId id) {
		BedLocation bed = locations.bed(id).orElseThrow(() -> new InvalidInputException("No bed with id " + id));
		if (bed.status() != BedStatus.OPERATIONAL) {
			throw new ConflictException("Bed " + bed.code() + " (id " + id + ") is "
					+ (bed.status() == BedStatus.CLOSED ? "closed" : "being cleaned (housekeeping)"));
		}
		if (locations.occupied(id)) {
			throw new BedOccupiedException(id, bed.code());
		}
		return bed;
	}

	/**
	 * Checks access, then locks the encounter until commit and checks the version the
	 * caller saw.
	 */
	EncounterRepository.Row lockForChange(EncounterId id, @Nullable Integer expectedVersion) {
		access.require(ENCOUNTER, Interaction.UPDATE, id.asString(), null);
		EncounterRepository.Row row = encounters.lock(id)
			.orElseThrow(() -> new EncounterNotFoundException("No encounter with id " + id));
		if (expectedVersion != null && expectedVersion != row.version()) {
			throw new VersionConflictException("Encounter " + id + " is at version " + row.version()
					+ ", not the expected version " + expectedVersion);
		}
		return row;
	}

	void created(EncounterId id, PatientId patient) {
		audit.record(AuditEntry.success(AuditAction.CREATE, ENCOUNTER, id.asString(), patient.asString()));
		changes.append(ENCOUNTER, id.asString(), patient.asString(), ChangeOperation.CREATE);
	}

	void updated(EncounterId id, PatientId patient) {
		audit.record(AuditEntry.success(AuditAction.UPDATE, ENCOUNTER, id.asString(), patient.asString()));
		changes.append(ENCOUNTER, id.asString(), patient.asString(), ChangeOperation.UPDATE);
	}

	/** Which unique index refused the write, as the conflict the caller should see. */
	static ConflictException conflict(DuplicateKeyException ex, @Nullable BedLocation bed, PatientId patient) {
		String message = String.valueOf(ex.getMostSpecificCause().getMessage());
		if (bed != null && message.contains("adt_bed_one_occupant_uq")) {
			return new BedOccupiedException(bed.id(), bed.code());
		}
		if (message.contains("adt_encounter_one_stay_uq")) {
			return new ConflictException("Patient " + patient + " already has an in-progress inpatient encounter");
		}
		return new ConflictException("Concurrent change to the same encounter or bed; try again");
	}

	Encounter load(EncounterId id) {
		EncounterRepository.Row row = encounters.find(id).orElseThrow();
		return row.with(encounters.stays(List.of(id), null).getOrDefault(id, List.of()));
	}

}
