package continuum.patients;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patients and their clinical entries in bulk, for the initial load and the catch-up of
 * downtime nodes (continuity): keyset pages by id of what holds now, and entries by id.
 * Each call checks the caller's access to the type and is audited once, as an export
 * naming the type and how many records it gave out (never which patients: a page holds
 * hundreds).
 */
@Service
public class PatientExportService {

	private final PatientExportRepository export;

	private final ClinicalRepository clinical;

	private final AccessControl access;

	private final AuditService audit;

	PatientExportService(PatientExportRepository export, ClinicalRepository clinical, AccessControl access,
			AuditService audit) {
		this.export = export;
		this.clinical = clinical;
		this.access = access;
		this.audit = audit;
	}

	/**
	 * Up to {@code limit} ids of patients not merged away above {@code afterId}, in id
	 * order: the keyset pages a FHIR bulk export walks. Ids only, so not audited; the
	 * export audits each patient it gives out.
	 */
	@Transactional(readOnly = true)
	public List<Long> patientIdsAfter(long afterId, int limit) {
		return export.patientIdsAfter(afterId, limit);
	}

	/**
	 * The patients with these ids, for a FHIR bulk export (docs/fhir.md, "Bulk Data
	 * export"): not audited here, since the export records one EXPORT row per patient for
	 * the whole export, in the transaction of the page that reads them.
	 */
	@Transactional(readOnly = true)
	public List<Patient> forBulkExport(Collection<Long> ids) {
		access.require(PatientService.TYPE, Interaction.SEARCH, null, null);
		return ids.isEmpty() ? List.of() : export.patients(ids);
	}

	/**
	 * The entries of the kind (not deleted) of these patients, for a FHIR bulk export:
	 * what a search by patient finds; not audited here, as {@link #forBulkExport}.
	 */
	@Transactional(readOnly = true)
	public <T extends ClinicalEntry> List<T> entriesForBulkExport(ClinicalKind<T> kind, Collection<Long> patientIds) {
		access.require(kind.resourceType(), Interaction.SEARCH, null, null);
		return clinical.ofPatients(kind, patientIds);
	}

	/** Up to {@code limit} patients not merged away with an id above {@code afterId}. */
	@Transactional
	public List<Patient> patientsAfter(long afterId, int limit) {
		access.require(PatientService.TYPE, Interaction.SEARCH, null, null);
		return audited(PatientService.TYPE, export.patientsAfter(afterId, limit), "after id " + afterId);
	}

	/**
	 * The patients with these ids that exist, merged ones included (with the survivor
	 * they were merged into), in id order.
	 */
	@Transactional
	public List<Patient> patients(Collection<Long> ids) {
		access.require(PatientService.TYPE, Interaction.READ, null, null);
		return audited(PatientService.TYPE, ids.isEmpty() ? List.of() : export.patients(ids),
				"of " + ids.size() + " ids asked");
	}

	/**
	 * Up to {@code limit} entries of the kind with an id above {@code afterId} that hold
	 * now: not deleted, not entered in error, not of a patient merged away.
	 */
	@Transactional
	public <T extends ClinicalEntry> List<T> entriesAfter(ClinicalKind<T> kind, long afterId, int limit) {
		access.require(kind.resourceType(), Interaction.SEARCH, null, null);
		return audited(kind.resourceType(), export.entriesAfter(kind, afterId, limit), "after id " + afterId);
	}

	/** The entries of the kind with these ids that hold now, in id order. */
	@Transactional
	public <T extends ClinicalEntry> List<T> entries(ClinicalKind<T> kind, Collection<Long> ids) {
		access.require(kind.resourceType(), Interaction.READ, null, null);
		return audited(kind.resourceType(), ids.isEmpty() ? List.of() : export.entries(kind, ids),
				"of " + ids.size() + " ids asked");
	}

	/**
	 * Which of these patients were merged into another, for modules whose records stay
	 * filed under the duplicate (encounters, appointments). Ids only, so not audited.
	 */
	@Transactional(readOnly = true)
	public Set<PatientId> mergedAway(Collection<PatientId> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		return export.mergedAway(ids.stream().map(PatientId::value).distinct().toList())
			.stream()
			.map(PatientId::new)
			.collect(Collectors.toUnmodifiableSet());
	}

	private <T> List<T> audited(String type, List<T> records, String which) {
		audit.record(new AuditEntry(AuditAction.EXPORT, type, null, null, AuditOutcome.SUCCESS,
				"downtime export: " + records.size() + " records " + which));
		return records;
	}

}
