package continuum.adt;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import continuum.patients.PatientId;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Planned admissions (elective surgery, a booked delivery): the encounter exists as
 * {@code planned} with its expected start and no bed, and starts when the patient arrives
 * and gets a bed. Cancelling one is {@link AdmissionService#cancel}.
 */
@Service
public class PlannedAdmissionService {

	/** How far ahead an admission can be planned. */
	private static final Duration HORIZON = Duration.ofDays(366);

	private final EncounterRepository encounters;

	private final EncounterChanges changes;

	private final ApplicationEventPublisher events;

	PlannedAdmissionService(EncounterRepository encounters, EncounterChanges changes,
			ApplicationEventPublisher events) {
		this.encounters = encounters;
		this.changes = changes;
		this.events = events;
	}

	/**
	 * Plans an encounter expected to start at {@code admission.at()} (default now); a bed
	 * is chosen on arrival.
	 */
	@Transactional
	public Encounter plan(Admission admission) {
		PatientId patient = admission.patient();
		changes.requireCreate(patient);
		if (admission.bed() != null) {
			throw new InvalidInputException("A planned admission gets its bed when it starts, not before");
		}
		Instant now = changes.now();
		Instant at = admission.at() == null ? now : admission.at().truncatedTo(ChronoUnit.MICROS);
		if (at.isAfter(now.plus(HORIZON))) {
			throw new InvalidInputException("An admission can be planned at most a year ahead");
		}
		changes.checkNames(admission);
		EncounterId id = encounters.insert(admission, EncounterStatus.PLANNED, at, now);
		changes.created(id, patient);
		return changes.load(id);
	}

	/**
	 * The planned patient arrives: the encounter is in progress from now, in the bed
	 * (required for inpatients).
	 */
	@Transactional
	public Encounter start(EncounterId id, @Nullable BedId bed, @Nullable Integer expectedVersion) {
		EncounterRepository.Row row = changes.lockForChange(id, expectedVersion);
		if (row.status() != EncounterStatus.PLANNED) {
			throw new ConflictException("Encounter " + id + " is " + row.status().code() + ", not planned");
		}
		if (row.encounterClass() == EncounterClass.INPATIENT && bed == null) {
			throw new InvalidInputException("An inpatient admission needs a bed");
		}
		BedLocation location = bed == null ? null : changes.usableBed(bed);
		Instant now = changes.now();
		try {
			encounters.begin(id, now, now);
			if (location != null) {
				encounters.openAssignment(id, location.id(), now);
			}
		}
		catch (DuplicateKeyException ex) {
			throw EncounterChanges.conflict(ex, location, row.patient());
		}
		changes.updated(id, row.patient());
		events.publishEvent(new PatientAdmitted(id, row.patient(), bed, now));
		return changes.load(id);
	}

}
