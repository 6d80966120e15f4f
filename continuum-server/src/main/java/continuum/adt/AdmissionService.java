package continuum.adt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.continuity.ChangeFeed;
import continuum.continuity.ChangeOperation;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import continuum.security.StaffService;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admit, transfer, discharge: the movements of a patient through the hospital. Each one is a single transaction with
 * its audit row, change-feed entry and event. The database has the last word on beds: two requests racing for the
 * same bed both pass the checks here, and the unique index lets exactly one of them commit.
 */
@Service
public class AdmissionService {

	static final String ENCOUNTER = "Encounter";

	/** How far in the future an admission or discharge time may lie (clock skew between workstations). */
	private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

	private final EncounterRepository encounters;

	private final LocationRepository locations;

	private final PatientService patients;

	private final StaffService staff;

	private final AccessControl access;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AdmissionService(EncounterRepository encounters, LocationRepository locations, PatientService patients,
			StaffService staff, AccessControl access, AuditService audit, ChangeFeed changes,
			ApplicationEventPublisher events, Clock clock) {
		this.encounters = encounters;
		this.locations = locations;
		this.patients = patients;
		this.staff = staff;
		this.access = access;
		this.audit = audit;
		this.changes = changes;
		this.events = events;
		this.clock = clock;
	}

	/** Starts an in-progress encounter, in the given bed if any (an inpatient admission needs one). */
	@Transactional
	public Encounter admit(Admission admission) {
		PatientId patient = admission.patient();
		access.require(ENCOUNTER, Interaction.CREATE, null, patient.asString());
		Instant now = now();
		Instant at = admission.at() == null ? now : admission.at().truncatedTo(ChronoUnit.MICROS);
		validate(admission, at, now);
		BedLocation bed = admission.bed() == null ? null : usableBed(admission.bed());
		if (bed != null && locations.lastVacated(bed.id()).filter(at::isBefore).isPresent()) {
			throw new InvalidInputException("Bed " + bed.code() + " was still occupied at the admission time");
		}
		EncounterId id;
		try {
			id = encounters.insert(admission, EncounterStatus.IN_PROGRESS, at, now);
			if (bed != null) {
				encounters.openAssignment(id, bed.id(), at);
			}
		}
		catch (DuplicateKeyException ex) {
			throw conflict(ex, bed, patient);
		}
		audit.record(AuditEntry.success(AuditAction.CREATE, ENCOUNTER, id.asString(), patient.asString()));
		changes.append(ENCOUNTER, id.asString(), patient.asString(), ChangeOperation.CREATE);
		events.publishEvent(new PatientAdmitted(id, patient, bed == null ? null : bed.id(), at));
		return load(id);
	}

	/** Moves the patient of an in-progress encounter to another bed, now. */
	@Transactional
	public Encounter transfer(EncounterId id, BedId to, @Nullable Integer expectedVersion) {
		EncounterRepository.Row row = lockForChange(id, expectedVersion);
		if (row.status() != EncounterStatus.IN_PROGRESS) {
			throw new ConflictException("Encounter " + id + " is " + row.status().code() + "; only an in-progress "
					+ "encounter can be transferred");
		}
		boolean sameBed = encounters.stays(List.of(id), null)
			.getOrDefault(id, List.of())
			.stream()
			.anyMatch(stay -> stay.current() && stay.bed().id().equals(to));
		if (sameBed) {
			throw new InvalidInputException("Encounter " + id + " is already in bed " + to);
		}
		BedLocation bed = usableBed(to);
		Instant now = now();
		BedId from;
		try {
			from = encounters.closeAssignment(id, now).orElse(null);
			encounters.openAssignment(id, to, now);
		}
		catch (DuplicateKeyException ex) {
			throw conflict(ex, bed, row.patient());
		}
		encounters.update(id, row.status(), row.end(), now);
		written(id, row.patient());
		events.publishEvent(new PatientTransferred(id, row.patient(), from, to, now));
		return load(id);
	}

	/** Finishes an in-progress encounter at the given time (default now) and frees its bed. */
	@Transactional
	public Encounter discharge(EncounterId id, @Nullable Instant at, @Nullable Integer expectedVersion) {
		EncounterRepository.Row row = lockForChange(id, expectedVersion);
		if (row.status() != EncounterStatus.IN_PROGRESS) {
			throw new ConflictException(
					"Encounter " + id + " is " + row.status().code() + "; only an in-progress encounter is discharged");
		}
		Instant now = now();
		Instant end = at == null ? now : at.truncatedTo(ChronoUnit.MICROS);
		if (end.isAfter(now.plus(FUTURE_TOLERANCE))) {
			throw new InvalidInputException("A discharge time cannot lie in the future");
		}
		if (row.start() != null && end.isBefore(row.start())) {
			throw new InvalidInputException("Encounter " + id + " cannot end before it started");
		}
		boolean beforeLastMove = encounters.stays(List.of(id), null)
			.getOrDefault(id, List.of())
			.stream()
			.anyMatch(stay -> stay.current() && end.isBefore(stay.from()));
		if (beforeLastMove) {
			throw new InvalidInputException("Encounter " + id + " cannot end before its last transfer");
		}
		encounters.closeAssignment(id, end);
		encounters.update(id, EncounterStatus.FINISHED, end, now);
		written(id, row.patient());
		events.publishEvent(new PatientDischarged(id, row.patient(), end));
		return load(id);
	}

	/** Cancels an encounter entered in error or called off; its bed, if any, is freed. */
	@Transactional
	public Encounter cancel(EncounterId id, @Nullable Integer expectedVersion) {
		EncounterRepository.Row row = lockForChange(id, expectedVersion);
		if (row.status() == EncounterStatus.FINISHED || row.status() == EncounterStatus.CANCELLED) {
			throw new ConflictException("Encounter " + id + " is already " + row.status().code());
		}
		Instant now = now();
		encounters.closeAssignment(id, now);
		encounters.update(id, EncounterStatus.CANCELLED, row.end(), now);
		written(id, row.patient());
		events.publishEvent(new AdmissionCancelled(id, row.patient(), now));
		return load(id);
	}

	/** Now, to the microsecond that PostgreSQL keeps, so that events carry exactly the stored times. */
	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private void validate(Admission admission, Instant at, Instant now) {
		if (at.isAfter(now.plus(FUTURE_TOLERANCE))) {
			throw new InvalidInputException("An admission time cannot lie in the future");
		}
		if (admission.encounterClass() == EncounterClass.INPATIENT && admission.bed() == null) {
			throw new InvalidInputException("An inpatient admission needs a bed");
		}
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

	/** The bed, if it exists, is operational and empty; the unique index still decides under a race. */
	private BedLocation usableBed(BedId id) {
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

	private EncounterRepository.Row lockForChange(EncounterId id, @Nullable Integer expectedVersion) {
		access.require(ENCOUNTER, Interaction.UPDATE, id.asString(), null);
		EncounterRepository.Row row = encounters.lock(id)
			.orElseThrow(() -> new EncounterNotFoundException("No encounter with id " + id));
		if (expectedVersion != null && expectedVersion != row.version()) {
			throw new VersionConflictException("Encounter " + id + " is at version " + row.version()
					+ ", not the expected version " + expectedVersion);
		}
		return row;
	}

	private void written(EncounterId id, PatientId patient) {
		audit.record(AuditEntry.success(AuditAction.UPDATE, ENCOUNTER, id.asString(), patient.asString()));
		changes.append(ENCOUNTER, id.asString(), patient.asString(), ChangeOperation.UPDATE);
	}

	private static ConflictException conflict(DuplicateKeyException ex, @Nullable BedLocation bed, PatientId patient) {
		String message = String.valueOf(ex.getMostSpecificCause().getMessage());
		if (bed != null && message.contains("adt_bed_one_occupant_uq")) {
			return new BedOccupiedException(bed.id(), bed.code());
		}
		if (message.contains("adt_encounter_one_stay_uq")) {
			return new ConflictException("Patient " + patient + " already has an in-progress inpatient encounter");
		}
		return new ConflictException("Concurrent change to the same encounter or bed; try again");
	}

	private Encounter load(EncounterId id) {
		EncounterRepository.Row row = encounters.find(id).orElseThrow();
		return row.with(encounters.stays(List.of(id), null).getOrDefault(id, List.of()));
	}

}
