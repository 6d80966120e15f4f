package continuum.patients;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.continuity.ChangeFeed;
import continuum.continuity.ChangeOperation;
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
 * versions, delete, search. Every call checks access on the FHIR resource type, audits in
 * the same transaction, and every write goes to the change feed. A search is audited with
 * the patient it names, or, across patients, once more for each patient shown.
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
	public Allergy allergy(long id) {
		return get(ClinicalTable.ALLERGIES, id);
	}

	@Transactional
	public Allergy allergyVersion(long id, int version) {
		return getVersion(ClinicalTable.ALLERGIES, id, version);
	}

	/**
	 * Records an allergy, keeping the record free of contradictions: "no known allergy"
	 * is refused while an allergy holds, and an allergy that holds ends (makes inactive)
	 * an earlier "no known allergy", audited and in the change feed like any update.
	 */
	@Transactional
	public Allergy recordAllergy(Allergy allergy) {
		requireNoContradiction(allergy, null);
		Allergy recorded = create(ClinicalTable.ALLERGIES, allergy);
		endNoKnownAllergy(recorded);
		return recorded;
	}

	/** Changes an allergy, under the same rules as {@link #recordAllergy}. */
	@Transactional
	public Allergy updateAllergy(long id, int expectedVersion, Allergy allergy) {
		requireNoContradiction(allergy, id);
		Allergy updated = update(ClinicalTable.ALLERGIES, id, expectedVersion, allergy);
		endNoKnownAllergy(updated);
		return updated;
	}

	private void requireNoContradiction(Allergy allergy, @Nullable Long id) {
		if (!allergy.isNoKnownAllergy() || !allergy.isCurrent()) {
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

	private void endNoKnownAllergy(Allergy allergy) {
		if (allergy.isNoKnownAllergy() || !allergy.isCurrent()) {
			return;
		}
		for (Allergy none : currentAllergies(allergy.patient())) {
			if (none.isNoKnownAllergy()) {
				write(ClinicalTable.ALLERGIES, none.id(), none.version(),
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
		access.require(ClinicalTable.ALLERGIES.resourceType(), Interaction.SEARCH, null, null);
		Map<PatientId, List<Allergy>> current = new LinkedHashMap<>();
		java.util.Set<PatientId> noneKnown = new java.util.HashSet<>();
		for (Allergy allergy : entries.ofPatients(ClinicalTable.ALLERGIES,
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
			rows.add(new AuditEntry(AuditAction.SEARCH, ClinicalTable.ALLERGIES.resourceType(), null,
					patient.asString(), AuditOutcome.SUCCESS, holding.size() + " current allergies shown in a list"));
		}
		audit.recordAll(rows);
		return status;
	}

	/** The patient's allergies that hold now, read without an audit row of their own. */
	private List<Allergy> currentAllergies(PatientId patient) {
		return entries.search(ClinicalTable.ALLERGIES, ClinicalQuery.of(patient))
			.entries()
			.stream()
			.filter(Allergy::isCurrent)
			.toList();
	}

	@Transactional
	public void deleteAllergy(long id) {
		delete(ClinicalTable.ALLERGIES, id);
	}

	@Transactional
	public ClinicalPage<Allergy> allergies(ClinicalQuery query) {
		return search(ClinicalTable.ALLERGIES, query);
	}

	@Transactional
	public Medication medication(long id) {
		return get(ClinicalTable.MEDICATIONS, id);
	}

	@Transactional
	public Medication medicationVersion(long id, int version) {
		return getVersion(ClinicalTable.MEDICATIONS, id, version);
	}

	@Transactional
	public Medication recordMedication(Medication medication) {
		return create(ClinicalTable.MEDICATIONS, medication);
	}

	@Transactional
	public Medication updateMedication(long id, int expectedVersion, Medication medication) {
		return update(ClinicalTable.MEDICATIONS, id, expectedVersion, medication);
	}

	@Transactional
	public void deleteMedication(long id) {
		delete(ClinicalTable.MEDICATIONS, id);
	}

	@Transactional
	public ClinicalPage<Medication> medications(ClinicalQuery query) {
		return search(ClinicalTable.MEDICATIONS, query);
	}

	@Transactional
	public Problem problem(long id) {
		return get(ClinicalTable.PROBLEMS, id);
	}

	@Transactional
	public Problem problemVersion(long id, int version) {
		return getVersion(ClinicalTable.PROBLEMS, id, version);
	}

	@Transactional
	public Problem recordProblem(Problem problem) {
		return create(ClinicalTable.PROBLEMS, problem);
	}

	@Transactional
	public Problem updateProblem(long id, int expectedVersion, Problem problem) {
		return update(ClinicalTable.PROBLEMS, id, expectedVersion, problem);
	}

	@Transactional
	public void deleteProblem(long id) {
		delete(ClinicalTable.PROBLEMS, id);
	}

	@Transactional
	public ClinicalPage<Problem> problems(ClinicalQuery query) {
		return search(ClinicalTable.PROBLEMS, query);
	}

	private <T extends ClinicalEntry> T get(ClinicalTable<T> table, long id) {
		access.require(table.resourceType(), Interaction.READ, Long.toString(id), null);
		ClinicalRepository.Stored<T> stored = entries.find(table, id).orElseThrow(() -> notFound(table, id));
		if (stored.deleted()) {
			audit(AuditAction.READ, table, id, stored.entry().patient());
			throw new GoneException(table.resourceType() + " " + id + " was deleted");
		}
		audit(AuditAction.READ, table, id, stored.entry().patient());
		return stored.entry();
	}

	private <T extends ClinicalEntry> T getVersion(ClinicalTable<T> table, long id, int version) {
		access.require(table.resourceType(), Interaction.READ, Long.toString(id), null);
		ClinicalRepository.Stored<T> stored = entries.findVersion(table, id, version)
			.orElseThrow(() -> new PatientNotFoundException(
					"No version " + version + " of " + table.resourceType() + " " + id));
		audit(AuditAction.READ, table, id, stored.entry().patient());
		if (stored.deleted()) {
			throw new GoneException(table.resourceType() + " " + id + " was deleted in version " + version);
		}
		return stored.entry();
	}

	private <T extends ClinicalEntry> T create(ClinicalTable<T> table, T entry) {
		access.require(table.resourceType(), Interaction.CREATE, null, entry.patient().asString());
		requireLivePatient(entry.patient());
		Instant now = clock.instant();
		long id = entries.insert(table, entry, now);
		audit(AuditAction.CREATE, table, id, entry.patient());
		changes.append(table.resourceType(), Long.toString(id), entry.patient().asString(), ChangeOperation.CREATE);
		return entries.find(table, id).orElseThrow().entry();
	}

	private <T extends ClinicalEntry> T update(ClinicalTable<T> table, long id, int expectedVersion, T entry) {
		access.require(table.resourceType(), Interaction.UPDATE, Long.toString(id), entry.patient().asString());
		return write(table, id, expectedVersion, entry);
	}

	/**
	 * An update after its access check, or one that follows from a change the caller may
	 * make (a "no known allergy" ended by an allergy recorded).
	 */
	private <T extends ClinicalEntry> T write(ClinicalTable<T> table, long id, int expectedVersion, T entry) {
		ClinicalRepository.Stored<T> current = entries.find(table, id).orElseThrow(() -> notFound(table, id));
		if (current.deleted()) {
			throw new GoneException(table.resourceType() + " " + id + " was deleted");
		}
		requireLivePatient(entry.patient());
		if (!entries.update(table, id, expectedVersion, entry, clock.instant())) {
			throw new VersionConflictException(table.resourceType() + " " + id + " is at version "
					+ entries.find(table, id).orElseThrow().entry().version() + ", not at the expected version "
					+ expectedVersion);
		}
		audit(AuditAction.UPDATE, table, id, entry.patient());
		changes.append(table.resourceType(), Long.toString(id), entry.patient().asString(), ChangeOperation.UPDATE);
		return entries.find(table, id).orElseThrow().entry();
	}

	private <T extends ClinicalEntry> void delete(ClinicalTable<T> table, long id) {
		access.require(table.resourceType(), Interaction.DELETE, Long.toString(id), null);
		ClinicalRepository.Stored<T> current = entries.find(table, id).orElseThrow(() -> notFound(table, id));
		if (!entries.delete(table, id, clock.instant())) {
			throw new GoneException(table.resourceType() + " " + id + " was already deleted");
		}
		PatientId patient = current.entry().patient();
		audit(AuditAction.DELETE, table, id, patient);
		changes.append(table.resourceType(), Long.toString(id), patient.asString(), ChangeOperation.DELETE);
	}

	private <T extends ClinicalEntry> ClinicalPage<T> search(ClinicalTable<T> table, ClinicalQuery query) {
		String patient = query.patient() == null ? null : query.patient().asString();
		access.require(table.resourceType(), Interaction.SEARCH, null, patient);
		ClinicalPage<T> page = entries.search(table, query);
		List<AuditEntry> rows = new ArrayList<>();
		rows.add(new AuditEntry(AuditAction.SEARCH, table.resourceType(), null, patient, AuditOutcome.SUCCESS,
				page.entries().size() + " of " + page.total() + " results"));
		if (patient == null) {
			// Entries of many patients: one row per patient shown, so that "who saw this
			// patient" includes lists.
			Map<PatientId, Integer> shown = new LinkedHashMap<>();
			page.entries().forEach(e -> shown.merge(e.patient(), 1, Integer::sum));
			shown.forEach((id, count) -> rows.add(new AuditEntry(AuditAction.SEARCH, table.resourceType(), null,
					id.asString(), AuditOutcome.SUCCESS, count + (count == 1 ? " entry" : " entries") + " shown")));
		}
		audit.recordAll(rows);
		return page;
	}

	/**
	 * Moves a merged duplicate's entries to its survivor; called by the merge inside its
	 * transaction.
	 */
	void reassign(PatientId duplicate, PatientId survivor) {
		Instant now = clock.instant();
		for (ClinicalTable<?> table : List.of(ClinicalTable.ALLERGIES, ClinicalTable.MEDICATIONS,
				ClinicalTable.PROBLEMS)) {
			for (long id : entries.reassign(table, duplicate.value(), survivor.value(), now)) {
				audit(AuditAction.UPDATE, table, id, survivor);
				changes.append(table.resourceType(), Long.toString(id), survivor.asString(), ChangeOperation.UPDATE);
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

	private void audit(AuditAction action, ClinicalTable<?> table, long id, PatientId patient) {
		audit.record(AuditEntry.success(action, table.resourceType(), Long.toString(id), patient.asString()));
	}

	private static PatientNotFoundException notFound(ClinicalTable<?> table, long id) {
		return new PatientNotFoundException("No " + table.resourceType() + " " + id);
	}

}
