package continuum.patients;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The versions of patients and of their clinical entries (FHIR {@code _history}), newest
 * first, as a vread reads each. A resource's history is audited as a read of it, after
 * the same access check (restricted records included); a type's history as a search, with
 * a row for each patient shown, and it leaves out the restricted records the caller may
 * not open, as a search does.
 */
@Service
public class PatientHistoryService {

	private final HistoryRepository history;

	private final PatientRepository patients;

	private final ClinicalRepository entries;

	private final AccessControl access;

	private final AuditService audit;

	PatientHistoryService(HistoryRepository history, PatientRepository patients, ClinicalRepository entries,
			AccessControl access, AuditService audit) {
		this.history = history;
		this.patients = patients;
		this.entries = entries;
		this.access = access;
		this.audit = audit;
	}

	/** The versions of one patient (a merged duplicate included). */
	@Transactional
	public HistoryPage<Patient> patient(PatientId id, HistoryQuery query) {
		access.require(PatientService.TYPE, Interaction.READ, id.asString(), id.asString());
		if (!patients.exists(id.value())) {
			throw new PatientNotFoundException("No patient " + id);
		}
		List<Patient> versions = patientVersions(history.patientVersions(id.value(), query, Set.of()));
		int total = total(versions.size(), query, () -> history.countPatientVersions(id.value(), query, Set.of()));
		audit.record(new AuditEntry(AuditAction.READ, PatientService.TYPE, id.asString(), id.asString(),
				AuditOutcome.SUCCESS, "history: " + versions.size() + " of " + total + " versions"));
		return new HistoryPage<>(versions, total);
	}

	/** The versions of every patient the caller may open. */
	@Transactional
	public HistoryPage<Patient> patients(HistoryQuery query) {
		access.require(PatientService.TYPE, Interaction.SEARCH, null, null);
		Set<Long> hidden = access.hiddenPatients();
		List<Patient> versions = patientVersions(history.patientVersions(null, query, hidden));
		int total = total(versions.size(), query, () -> history.countPatientVersions(null, query, hidden));
		auditTypeHistory(PatientService.TYPE, versions.stream().map(Patient::id).toList(), total);
		return new HistoryPage<>(versions, total);
	}

	/** The versions of one clinical entry, its deletion included. */
	@Transactional
	public <T extends ClinicalEntry> HistoryPage<ClinicalVersion<T>> entry(ClinicalKind<T> kind, long id,
			HistoryQuery query) {
		access.require(kind.resourceType(), Interaction.READ, Long.toString(id), null);
		PatientId patient = entries.find(kind, id)
			.orElseThrow(() -> new PatientNotFoundException("No " + kind.resourceType() + " " + id))
			.entry()
			.patient();
		access.require(kind.resourceType(), Interaction.READ, Long.toString(id), patient.asString());
		List<ClinicalVersion<T>> versions = clinicalVersions(kind, history.clinicalVersions(kind, id, query, Set.of()));
		int total = total(versions.size(), query, () -> history.countClinicalVersions(kind, id, query, Set.of()));
		audit.record(new AuditEntry(AuditAction.READ, kind.resourceType(), Long.toString(id), patient.asString(),
				AuditOutcome.SUCCESS, "history: " + versions.size() + " of " + total + " versions"));
		return new HistoryPage<>(versions, total);
	}

	/** The versions of every entry of a kind, of the patients the caller may open. */
	@Transactional
	public <T extends ClinicalEntry> HistoryPage<ClinicalVersion<T>> entries(ClinicalKind<T> kind, HistoryQuery query) {
		access.require(kind.resourceType(), Interaction.SEARCH, null, null);
		Set<Long> hidden = access.hiddenPatients();
		List<ClinicalVersion<T>> versions = clinicalVersions(kind, history.clinicalVersions(kind, null, query, hidden));
		int total = total(versions.size(), query, () -> history.countClinicalVersions(kind, null, query, hidden));
		auditTypeHistory(kind.resourceType(), versions.stream().map(v -> v.entry().patient()).toList(), total);
		return new HistoryPage<>(versions, total);
	}

	private List<Patient> patientVersions(List<HistoryRepository.Key> keys) {
		List<Patient> versions = new ArrayList<>(keys.size());
		for (HistoryRepository.Key key : keys) {
			patients.findVersion(key.id(), key.version()).ifPresent(versions::add);
		}
		return versions;
	}

	private <T extends ClinicalEntry> List<ClinicalVersion<T>> clinicalVersions(ClinicalKind<T> kind,
			List<HistoryRepository.Key> keys) {
		List<ClinicalVersion<T>> versions = new ArrayList<>(keys.size());
		for (HistoryRepository.Key key : keys) {
			entries.findVersion(kind, key.id(), key.version())
				.ifPresent(stored -> versions.add(new ClinicalVersion<>(stored.entry(), stored.deleted())));
		}
		return versions;
	}

	/** The total without a count when the page shows the end of the history. */
	private static int total(int shown, HistoryQuery query, java.util.function.IntSupplier count) {
		return shown < query.limit() && (query.offset() == 0 || shown > 0) ? query.offset() + shown : count.getAsInt();
	}

	/**
	 * A type's history: a search row with the counts, and a row for each patient shown,
	 * so that "who saw this patient" includes history pages.
	 */
	private void auditTypeHistory(String type, List<PatientId> shown, int total) {
		List<AuditEntry> rows = new ArrayList<>();
		rows.add(new AuditEntry(AuditAction.SEARCH, type, null, null, AuditOutcome.SUCCESS,
				"history: " + shown.size() + " of " + total + " versions"));
		Map<PatientId, Integer> perPatient = new LinkedHashMap<>();
		shown.forEach(p -> perPatient.merge(p, 1, Integer::sum));
		perPatient.forEach((patient, count) -> rows.add(new AuditEntry(AuditAction.SEARCH, type, null,
				patient.asString(), AuditOutcome.SUCCESS, "history: " + count + " versions shown")));
		audit.recordAll(rows);
	}

}
