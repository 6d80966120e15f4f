package continuum.adt;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import continuum.patients.PatientId;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admit, transfer, discharge: the movements of a patient through the hospital. Each one
 * is a single transaction with its audit row, change-feed entry and event. The database
 * has the last word on beds: two requests racing for the same bed both pass the checks
 * here, and the unique index lets exactly one of them commit.
 */
@Service
public class AdmissionService {

	static final String ENCOUNTER = EncounterChanges.ENCOUNTER;

	/**
	 * How far in the future an admission or discharge time may lie (clock skew between
	 * workstations).
	 */
	private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

	private final EncounterRepository encounters;

	private final LocationRepository locations;

	private final EncounterChanges changes;

	private final ApplicationEventPublisher events;

	AdmissionService(EncounterRepository encounters, LocationRepository locations, EncounterChanges changes,
			ApplicationEventPublisher events) {
		this.encounters = encounters;
		this.locations = locations;
		this.changes = changes;
		this.events = events;
	}

	/**
	 * Starts an in-progress encounter, in the given bed if any (an inpatient admission
	 * needs one).
	 */
	@Transactional
	public Encounter admit(Admission admission) {
		PatientId patient = admission.patient();
		changes.requireCreate(patient);
		Instant now = changes.now();
		Instant at = admission.at() == null ? now : admission.at().truncatedTo(ChronoUnit.MICROS);
		validate(admission, at, now);
		BedLocation bed = admission.bed() == null ? null : changes.usableBed(admission.bed());
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
			throw EncounterChanges.conflict(ex, bed, patient);
		}
		changes.created(id, patient);
		events.publishEvent(new PatientAdmitted(id, patient, bed == null ? null : bed.id(), at));
		return changes.load(id);
	}

	/** Moves the patient of an in-progress encounter to another bed, now. */
	@Transactional
	public Encounter transfer(EncounterId id, BedId to, @Nullable Integer expectedVersion) {
		EncounterRepository.Row row = changes.lockForChange(id, expectedVersion);
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
		BedLocation bed = changes.usableBed(to);
		Instant now = changes.now();
		BedId from;
		try {
			from = encounters.closeAssignment(id, now).orElse(null);
			encounters.openAssignment(id, to, now);
		}
		catch (DuplicateKeyException ex) {
			throw EncounterChanges.conflict(ex, bed, row.patient());
		}
		encounters.update(id, row.status(), row.end(), now);
		changes.updated(id, row.patient());
		events.publishEvent(new PatientTransferred(id, row.patient(), from, to, now));
		return changes.load(id);
	}

	/**
	 * Finishes an in-progress encounter at the given time (default now) and frees its
	 * bed.
	 */
	@Transactional
	public Encounter discharge(EncounterId id, @Nullable Instant at, @Nullable Integer expectedVersion) {
		EncounterRepository.Row row = changes.lockForChange(id, expectedVersion);
		if (row.status() != EncounterStatus.IN_PROGRESS) {
			throw new ConflictException(
					"Encounter " + id + " is " + row.status().code() + "; only an in-progress encounter is discharged");
		}
		Instant now = changes.now();
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
		changes.updated(id, row.patient());
		events.publishEvent(new PatientDischarged(id, row.patient(), end));
		return changes.load(id);
	}

	/** Cancels an encounter entered in error or called off; its bed, if any, is freed. */
	@Transactional
	public Encounter cancel(EncounterId id, @Nullable Integer expectedVersion) {
		EncounterRepository.Row row = changes.lockForChange(id, expectedVersion);
		if (row.status() == EncounterStatus.FINISHED || row.status() == EncounterStatus.CANCELLED) {
			throw new ConflictException("Encounter " + id + " is already " + row.status().code());
		}
		Instant now = changes.now();
		encounters.closeAssignment(id, now);
		encounters.update(id, EncounterStatus.CANCELLED, row.end(), now);
		changes.updated(id, row.patient());
		events.publishEvent(new AdmissionCancelled(id, row.patient(), now));
		return changes.load(id);
	}

	private void validate(Admission admission, Instant at, Instant now) {
		if (at.isAfter(now.plus(FUTURE_TOLERANCE))) {
			throw new InvalidInputException("An admission time cannot lie in the future");
		}
		if (admission.encounterClass() == EncounterClass.INPATIENT && admission.bed() == null) {
			throw new InvalidInputException("An inpatient admission needs a bed");
		}
		changes.checkNames(admission);
	}

}
