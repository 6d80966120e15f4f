package continuum.adt;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.patients.PatientId;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading encounters: one, one version, a patient's, or a search; every read is audited
 * per patient.
 */
@Service
public class EncounterService {

	private static final String ENCOUNTER = AdmissionService.ENCOUNTER;

	private final EncounterRepository encounters;

	private final AccessControl access;

	private final AuditService audit;

	EncounterService(EncounterRepository encounters, AccessControl access, AuditService audit) {
		this.encounters = encounters;
		this.access = access;
		this.audit = audit;
	}

	@Transactional
	public Encounter get(EncounterId id) {
		access.require(ENCOUNTER, Interaction.READ, id.asString(), null);
		EncounterRepository.Row row = encounters.find(id)
			.orElseThrow(() -> new EncounterNotFoundException("No encounter with id " + id));
		audit.record(AuditEntry.success(AuditAction.READ, ENCOUNTER, id.asString(), row.patient().asString()));
		return row.with(encounters.stays(List.of(id), null).getOrDefault(id, List.of()));
	}

	/**
	 * One version as it was, with the bed history as it stood when that version was
	 * written.
	 */
	@Transactional
	public Encounter version(EncounterId id, int version) {
		access.require(ENCOUNTER, Interaction.READ, id.asString(), null);
		EncounterRepository.Row row = encounters.version(id, version)
			.orElseThrow(() -> new EncounterNotFoundException("No version " + version + " of encounter " + id));
		audit.record(AuditEntry.success(AuditAction.READ, ENCOUNTER, id.asString(), row.patient().asString()));
		return row.with(encounters.stays(List.of(id), row.updatedAt()).getOrDefault(id, List.of()));
	}

	/**
	 * Every version of the encounter, newest first, each with its bed history as it stood
	 * then.
	 */
	@Transactional
	public List<Encounter> history(EncounterId id) {
		access.require(ENCOUNTER, Interaction.READ, id.asString(), null);
		List<EncounterRepository.Row> rows = encounters.versions(id);
		if (rows.isEmpty()) {
			throw new EncounterNotFoundException("No encounter with id " + id);
		}
		audit.record(AuditEntry.success(AuditAction.READ, ENCOUNTER, id.asString(), rows.get(0).patient().asString()));
		return rows.stream()
			.map(row -> row.with(encounters.stays(List.of(id), row.updatedAt()).getOrDefault(id, List.of())))
			.toList();
	}

	/**
	 * One page of every encounter's versions written at or after {@code since} (FHIR
	 * type-level _history), newest first, without the restricted records the caller may
	 * not open; audited as a search of each patient shown.
	 */
	@Transactional
	public EncounterHistory history(java.time.@Nullable Instant since, int limit, int offset) {
		access.require(ENCOUNTER, Interaction.SEARCH, null, null);
		Set<Long> hidden = access.hiddenPatients();
		List<EncounterRepository.Row> rows = encounters.versions(since, hidden, Math.max(0, limit),
				Math.max(0, offset));
		int total = rows.size() < limit && (offset == 0 || !rows.isEmpty()) ? offset + rows.size()
				: encounters.countVersions(since, hidden);
		Set<PatientId> seen = new LinkedHashSet<>();
		rows.forEach(row -> seen.add(row.patient()));
		seen.forEach(p -> audit.record(AuditEntry.success(AuditAction.SEARCH, ENCOUNTER, null, p.asString())));
		return new EncounterHistory(rows.stream()
			.map(row -> row
				.with(encounters.stays(List.of(row.id()), row.updatedAt()).getOrDefault(row.id(), List.of())))
			.toList(), total);
	}

	/** The patient's encounters, newest first. */
	@Transactional
	public List<Encounter> encountersOf(PatientId patient) {
		access.require(ENCOUNTER, Interaction.SEARCH, null, patient.asString());
		audit.record(AuditEntry.success(AuditAction.SEARCH, ENCOUNTER, null, patient.asString()));
		return withStays(encounters.search(EncounterQuery.ofPatient(patient), java.util.Set.of(), 1000, 0));
	}

	/**
	 * One page of matching encounters, newest first; audited once per patient on the
	 * page. Restricted records the caller may not open are left out (and out of
	 * {@link #count}), so that a search over many patients is not refused for one of
	 * them.
	 */
	@Transactional
	public List<Encounter> search(EncounterQuery query, int limit, int offset) {
		access.require(ENCOUNTER, Interaction.SEARCH, null, patientOf(query));
		List<EncounterRepository.Row> rows = encounters.search(query, access.hiddenPatients(), Math.max(0, limit),
				Math.max(0, offset));
		Set<PatientId> seen = new LinkedHashSet<>();
		if (query.patient() != null) {
			seen.add(query.patient());
		}
		rows.forEach(row -> seen.add(row.patient()));
		seen.forEach(p -> audit.record(AuditEntry.success(AuditAction.SEARCH, ENCOUNTER, null, p.asString())));
		return withStays(rows);
	}

	/** How many encounters match; counts only, so not audited. */
	@Transactional(readOnly = true)
	public int count(EncounterQuery query) {
		access.require(ENCOUNTER, Interaction.SEARCH, null, patientOf(query));
		return encounters.count(query, access.hiddenPatients());
	}

	private static @Nullable String patientOf(EncounterQuery query) {
		return query.patient() == null ? null : query.patient().asString();
	}

	private List<Encounter> withStays(List<EncounterRepository.Row> rows) {
		List<EncounterId> ids = rows.stream().map(EncounterRepository.Row::id).toList();
		Map<EncounterId, List<BedStay>> stays = encounters.stays(ids, null);
		return rows.stream().map(row -> row.with(stays.getOrDefault(row.id(), List.of()))).toList();
	}

}
