package continuum.patients;

import java.time.Clock;
import java.time.Instant;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges a duplicate registration into the surviving patient. The duplicate is kept,
 * marked merged and linked to the survivor (a new version of it); the survivor gets a new
 * version too, whose FHIR form links back with {@code replaces}; the duplicate's
 * allergies, medications and problems move to the survivor; its identifiers stay on it,
 * and identifier searches resolve them to the survivor. Other modules learn of it from
 * {@link PatientsMerged}.
 */
@Service
public class PatientMergeService {

	private final PatientRepository patients;

	private final ClinicalRecordService clinical;

	private final AccessControl access;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PatientMergeService(PatientRepository patients, ClinicalRecordService clinical, AccessControl access,
			AuditService audit, ChangeFeed changes, ApplicationEventPublisher events, Clock clock) {
		this.patients = patients;
		this.clinical = clinical;
		this.access = access;
		this.audit = audit;
		this.changes = changes;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Whether the current caller may merge patients (update rights on Patient); pages ask
	 * before offering it.
	 */
	public boolean mayMerge() {
		return access.allows(PatientService.TYPE, Interaction.UPDATE);
	}

	/**
	 * Refuses, as {@link #merge} would, a merge that cannot be done, without merging: for
	 * a preview. Nothing is written or audited but a refusal of the caller's rights.
	 */
	@Transactional(readOnly = true)
	public void check(PatientId duplicate, PatientId survivor) {
		requireMergeable(duplicate, survivor);
		requireSurvivor(survivor);
		long duplicateLink = patients.mergedInto(duplicate.value())
			.orElseThrow(() -> new PatientNotFoundException("No patient " + duplicate));
		if (duplicateLink != 0) {
			throw new ConflictException("Patient " + duplicate + " was already merged");
		}
	}

	private void requireMergeable(PatientId duplicate, PatientId survivor) {
		access.require(PatientService.TYPE, Interaction.UPDATE, duplicate.asString(), duplicate.asString());
		access.require(PatientService.TYPE, Interaction.UPDATE, survivor.asString(), survivor.asString());
		if (duplicate.equals(survivor)) {
			throw new InvalidInputException("A patient cannot be merged into itself");
		}
	}

	private void requireSurvivor(PatientId survivor) {
		long survivorLink = patients.mergedInto(survivor.value())
			.orElseThrow(() -> new PatientNotFoundException("No patient " + survivor));
		if (survivorLink != 0) {
			throw new ConflictException("Patient " + survivor + " was itself merged into " + survivorLink);
		}
	}

	/**
	 * Merges {@code duplicate} into {@code survivor} under a lock on both.
	 * @throws InvalidInputException when both are the same patient
	 * @throws ConflictException when the duplicate was already merged or the survivor was
	 * itself merged
	 */
	@Transactional
	public PatientsMerged merge(PatientId duplicate, PatientId survivor) {
		requireMergeable(duplicate, survivor);
		patients.lockPair(duplicate.value(), survivor.value());
		requireSurvivor(survivor);
		patients.mergedInto(duplicate.value())
			.orElseThrow(() -> new PatientNotFoundException("No patient " + duplicate));
		Instant now = clock.instant();
		if (!patients.markMerged(duplicate.value(), survivor.value(), now)) {
			throw new ConflictException("Patient " + duplicate + " was already merged");
		}
		patients.snapshot(duplicate.value(), now);
		patients.bumpSurvivor(survivor.value(), now);
		patients.snapshot(survivor.value(), now);
		patients.deleteTokens(duplicate.value());
		clinical.reassign(duplicate, survivor);
		audit.record(AuditEntry.success(AuditAction.UPDATE, PatientService.TYPE, duplicate.asString(),
				duplicate.asString()));
		audit.record(
				AuditEntry.success(AuditAction.UPDATE, PatientService.TYPE, survivor.asString(), survivor.asString()));
		changes.append(PatientService.TYPE, duplicate.asString(), duplicate.asString(), ChangeOperation.MERGE);
		changes.append(PatientService.TYPE, survivor.asString(), survivor.asString(), ChangeOperation.UPDATE);
		PatientsMerged merged = new PatientsMerged(duplicate, survivor, now);
		events.publishEvent(merged);
		return merged;
	}

}
