package continuum.patients;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.fhir.SearchControls;
import continuum.platform.GoneException;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A patient's allergies, medications and problems: read, record, update with optimistic
 * versions, delete, search. One flow serves every {@link ClinicalKind}: each call checks
 * access on the kind's FHIR resource type, audits in the same transaction, and every
 * write goes to the change feed. The one rule a kind adds (an allergy record free of
 * contradictions) is checked in the same flow.
 */
@Service
public class ClinicalRecordService {

	private final ClinicalRepository entries;

	private final PatientRepository patients;

	private final AccessControl access;

	private final AuditService audit;

	private final ChangeFeed changes;

	private final Clock clock;

	ClinicalRecordService(ClinicalRepository entries, PatientRepository patients, AccessControl access,
			AuditService audit, ChangeFeed changes, Clock clock) {
		this.entries = entries;
		this.patients = patients;
		this.access = access;
		this.audit = audit;
		this.changes = changes;
		this.clock = clock;
	}

	@Transactional
	public <T extends ClinicalEntry> T read(ClinicalKind<T> kind, long id) {
		access.require(kind.resourceType(), Interaction.READ, Long.toString(id), null);
		ClinicalRepository.Stored<T> stored = entries.find(kind, id).orElseThrow(() -> notFound(kind, id));
		audit(AuditAction.READ, kind, id, stored.entry().patient());
		if (stored.deleted()) {
			throw new GoneException(kind.resourceType() + " " + id + " was deleted");
		}
		return stored.entry();
	}

	@Transactional
	public <T extends ClinicalEntry> T readVersion(ClinicalKind<T> kind, long id, int version) {
		access.require(kind.resourceType(), Interaction.READ, Long.toString(id), null);
		ClinicalRepository.Stored<T> stored = entries.findVersion(kind, id, version)
			.orElseThrow(() -> new PatientNotFoundException(
					"No version " + version + " of " + kind.resourceType() + " " + id));
		audit(AuditAction.READ, kind, id, stored.entry().patient());
		if (stored.deleted()) {
			throw new GoneException(kind.resourceType() + " " + id + " was deleted in version " + version);
		}
		return stored.entry();
	}

	/**
	 * Records an entry. An allergy keeps the record free of contradictions: "no known
	 * allergy" is refused while an allergy holds, and an allergy that holds ends (makes
	 * inactive) an earlier "no known allergy", audited and in the change feed like any
	 * update.
	 */
	@Transactional
	public <T extends ClinicalEntry> T record(ClinicalKind<T> kind, T entry) {
		access.require(kind.resourceType(), Interaction.CREATE, null, entry.patient().asString());
		requireConsistent(entry, null);
		requireLivePatient(entry.patient());
		long id = entries.insert(kind, entry, clock.instant());
		audit(AuditAction.CREATE, kind, id, entry.patient());
		changes.append(kind.resourceType(), Long.toString(id), entry.patient().asString(), ChangeOperation.CREATE);
		T recorded = entries.find(kind, id).orElseThrow().entry();
		keepConsistent(recorded);
		return recorded;
	}

	/**
	 * Changes an entry at the expected version, under the same rules as {@link #record}.
	 */
	@Transactional
	public <T extends ClinicalEntry> T update(ClinicalKind<T> kind, long id, int expectedVersion, T entry) {
		access.require(kind.resourceType(), Interaction.UPDATE, Long.toString(id), entry.patient().asString());
		requireConsistent(entry, id);
		T updated = write(kind, id, expectedVersion, entry);
		keepConsistent(updated);
		return updated;
	}

	@Transactional
	public void delete(ClinicalKind<?> kind, long id) {
		access.require(kind.resourceType(), Interaction.DELETE, Long.toString(id), null);
		PatientId patient = entries.find(kind, id).orElseThrow(() -> notFound(kind, id)).entry().patient();
		if (!entries.delete(kind, id, clock.instant())) {
			throw new GoneException(kind.resourceType() + " " + id + " was already deleted");
		}
		audit(AuditAction.DELETE, kind, id, patient);
		changes.append(kind.resourceType(), Long.toString(id), patient.asString(), ChangeOperation.DELETE);
	}

	/**
	 * Entries of one kind, of one patient or across patients. Audited with the patient it
	 * names, or, across patients, once more for each patient shown.
	 */
	@Transactional
	public <T extends ClinicalEntry> ClinicalPage<T> search(ClinicalKind<T> kind, ClinicalQuery query) {
		String patient = query.patient() == null ? null : query.patient().asString();
		access.require(kind.resourceType(), Interaction.SEARCH, null, patient);
		ClinicalPage<T> page = entries.search(kind, query.withControls(visible(query.controls())));
		List<AuditEntry> rows = new ArrayList<>();
		rows.add(new AuditEntry(AuditAction.SEARCH, kind.resourceType(), null, patient, AuditOutcome.SUCCESS,
				page.entries().size() + " of " + page.total() + " results"));
		if (patient == null) {
			// Entries of many patients: one row per patient shown, so that "who saw this
			// patient" includes lists.
			Map<PatientId, Integer> shown = new LinkedHashMap<>();
			page.entries().forEach(e -> shown.merge(e.patient(), 1, Integer::sum));
			shown.forEach((id, count) -> rows.add(new AuditEntry(AuditAction.SEARCH, kind.resourceType(), null,
					id.asString(), AuditOutcome.SUCCESS, count + (count == 1 ? " entry" : " entries") + " shown")));
		}
		audit.recordAll(rows);
		return page;
	}

	/**
	 * The patients (at most {@code limit}) with an entry of the kind that matches the
	 * query, for a reverse chain such as patients with an active allergy to a substance;
	 * restricted records the caller may not open are left out. Ids only: audited as a
	 * search of the kind, and the patient search that uses them audits the patients it
	 * shows.
	 */
	@Transactional
	public <T extends ClinicalEntry> java.util.Set<PatientId> patientsWith(ClinicalKind<T> kind, ClinicalQuery query,
			int limit) {
		access.require(kind.resourceType(), Interaction.SEARCH, null, null);
		java.util.Set<PatientId> found = new java.util.LinkedHashSet<>();
		entries.patientsMatching(kind, query.withControls(visible(query.controls())), limit)
			.forEach(id -> found.add(new PatientId(id)));
		audit.recordAll(List.of(new AuditEntry(AuditAction.SEARCH, kind.resourceType(), null, null,
				AuditOutcome.SUCCESS, found.size() + " patients with a matching entry")));
		return found;
	}

	/** The controls, leaving out the restricted records the caller may not open. */
	private SearchControls visible(SearchControls controls) {
		java.util.Set<Long> hidden = access.hiddenPatients();
		return hidden.isEmpty() ? controls : controls.withHidden(hidden);
	}

	/** The rule a kind adds before a write: "no known allergy" contradicts none. */
	private void requireConsistent(ClinicalEntry entry, @Nullable Long id) {
		if (!(entry instanceof Allergy allergy) || !allergy.isNoKnownAllergy() || !allergy.isCurrent()) {
			return;
		}
		List<String> holding = currentAllergies(allergy.patient()).stream()
			.filter(a -> !a.isNoKnownAllergy() && (id == null || a.id() != id))
			.map(a -> a.substance().text())
			.toList();
		if (!holding.isEmpty()) {
			throw new InvalidInputException("The patient has allergies on file (" + String.join(", ", holding)
					+ "): \"no known allergy\" would contradict them. Mark an allergy that does not hold as refuted "
					+ "or entered in error first");
		}
	}

	/** What a kind's rule changes after a write: an allergy ends "no known allergy". */
	private void keepConsistent(ClinicalEntry entry) {
		if (!(entry instanceof Allergy allergy) || allergy.isNoKnownAllergy() || !allergy.isCurrent()) {
			return;
		}
		for (Allergy none : currentAllergies(allergy.patient())) {
			if (none.isNoKnownAllergy()) {
				write(ClinicalKind.ALLERGIES, none.id(), none.version(),
						new Allergy(none.id(), none.version(), none.lastUpdated(), none.patient(), none.substance(),
								none.category(), none.criticality(), "inactive", none.verificationStatus(),
								none.reactions(), none.reactionSeverity(), none.recordedDate()));
			}
		}
	}

	/**
	 * The allergy status of each of these patients (a list such as a ward's census): the
	 * allergies that hold now, and whether "no known allergy" holds. In one query,
	 * audited as a search of each patient's allergies.
	 */
	@Transactional
	public Map<PatientId, AllergyStatus> allergyStatusOf(Collection<PatientId> patients) {
		access.require(ClinicalKind.ALLERGIES.resourceType(), Interaction.SEARCH, null, null);
		Map<PatientId, List<Allergy>> current = new LinkedHashMap<>();
		java.util.Set<PatientId> noneKnown = new java.util.HashSet<>();
		for (Allergy allergy : entries.ofPatients(ClinicalKind.ALLERGIES,
				patients.stream().map(PatientId::value).distinct().toList())) {
			if (allergy.isCurrent() && allergy.isNoKnownAllergy()) {
				noneKnown.add(allergy.patient());
			}
			else if (allergy.isCurrent()) {
				current.computeIfAbsent(allergy.patient(), p -> new ArrayList<>()).add(allergy);
			}
		}
		Map<PatientId, AllergyStatus> status = new LinkedHashMap<>();
		List<AuditEntry> rows = new ArrayList<>();
		for (PatientId patient : new java.util.LinkedHashSet<>(patients)) {
			List<Allergy> holding = current.getOrDefault(patient, List.of());
			status.put(patient, new AllergyStatus(holding, holding.isEmpty() && noneKnown.contains(patient)));
			rows.add(new AuditEntry(AuditAction.SEARCH, ClinicalKind.ALLERGIES.resourceType(), null, patient.asString(),
					AuditOutcome.SUCCESS, holding.size() + " current allergies shown in a list"));
		}
		audit.recordAll(rows);
		return status;
	}

	/** The patient's allergies that hold now, read without an audit row of their own. */
	private List<Allergy> currentAllergies(PatientId patient) {
		return entries.search(ClinicalKind.ALLERGIES, ClinicalQuery.of(patient))
			.entries()
			.stream()
			.filter(Allergy::isCurrent)
			.toList();
	}

	/**
	 * An update after its access check, or one that follows from a change the caller may
	 * make (a "no known allergy" ended by an allergy recorded).
	 */
	private <T extends ClinicalEntry> T write(ClinicalKind<T> kind, long id, int expectedVersion, T entry) {
		ClinicalRepository.Stored<T> current = entries.find(kind, id).orElseThrow(() -> notFound(kind, id));
		if (current.deleted()) {
			throw new GoneException(kind.resourceType() + " " + id + " was deleted");
		}
		requireLivePatient(entry.patient());
		if (!entries.update(kind, id, expectedVersion, entry, clock.instant())) {
			throw new VersionConflictException(kind.resourceType() + " " + id + " is at version "
					+ entries.find(kind, id).orElseThrow().entry().version() + ", not at the expected version "
					+ expectedVersion);
		}
		audit(AuditAction.UPDATE, kind, id, entry.patient());
		changes.append(kind.resourceType(), Long.toString(id), entry.patient().asString(), ChangeOperation.UPDATE);
		return entries.find(kind, id).orElseThrow().entry();
	}

	/**
	 * Moves a merged duplicate's entries to its survivor; called by the merge inside its
	 * transaction.
	 */
	void reassign(PatientId duplicate, PatientId survivor) {
		Instant now = clock.instant();
		for (ClinicalKind<?> kind : ClinicalKind.ALL) {
			for (long id : entries.reassign(kind, duplicate.value(), survivor.value(), now)) {
				audit(AuditAction.UPDATE, kind, id, survivor);
				changes.append(kind.resourceType(), Long.toString(id), survivor.asString(), ChangeOperation.UPDATE);
			}
		}
	}

	private void requireLivePatient(PatientId patient) {
		long merged = patients.mergedIntoLocked(patient.value())
			.orElseThrow(() -> new InvalidInputException(
					"The subject refers to patient " + patient + ", which does not exist"));
		if (merged != 0) {
			throw new InvalidInputException(
					"Patient " + patient + " was merged into " + merged + "; record on the surviving patient");
		}
	}

	private void audit(AuditAction action, ClinicalKind<?> kind, long id, PatientId patient) {
		audit.record(AuditEntry.success(action, kind.resourceType(), Long.toString(id), patient.asString()));
	}

	private static PatientNotFoundException notFound(ClinicalKind<?> kind, long id) {
		return new PatientNotFoundException("No " + kind.resourceType() + " " + id);
	}

}
