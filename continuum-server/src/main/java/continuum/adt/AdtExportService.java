package continuum.adt;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Encounters and places in bulk, for the initial load and the catch-up of downtime nodes
 * (continuity): keyset pages of what holds now, and records by id. A cancelled encounter
 * (an admission recorded by mistake) is left out, as if deleted. Encounter reads are
 * audited once per call, as an export naming how many it gave out; places are no patient
 * data.
 */
@Service
public class AdtExportService {

	private static final String LOCATION = "Location";

	private final EncounterRepository encounters;

	private final LocationRepository locations;

	private final AccessControl access;

	private final AuditService audit;

	AdtExportService(EncounterRepository encounters, LocationRepository locations, AccessControl access,
			AuditService audit) {
		this.encounters = encounters;
		this.locations = locations;
		this.access = access;
		this.audit = audit;
	}

	/**
	 * Up to {@code limit} encounters not cancelled with an id above {@code afterId}, each
	 * with its bed history.
	 */
	@Transactional
	public List<Encounter> encountersAfter(long afterId, int limit) {
		access.require(AdmissionService.ENCOUNTER, Interaction.SEARCH, null, null);
		return audited(withStays(encounters.rowsAfter(afterId, limit)), "after id " + afterId);
	}

	/** The encounters with these ids that were not cancelled, in id order. */
	@Transactional
	public List<Encounter> encounters(Collection<Long> ids) {
		access.require(AdmissionService.ENCOUNTER, Interaction.READ, null, null);
		return audited(ids.isEmpty() ? List.of() : withStays(encounters.rows(ids)), "of " + ids.size() + " ids asked");
	}

	/**
	 * The encounters of these patients, cancelled ones included, each with its bed
	 * history: what a search by patient finds, for a FHIR bulk export (docs/fhir.md,
	 * "Bulk Data export"). Not audited here: the export records one EXPORT row per
	 * patient for the whole export, in the transaction of the page that reads them.
	 */
	@Transactional(readOnly = true)
	public List<Encounter> encountersForBulkExport(Collection<Long> patientIds) {
		access.require(AdmissionService.ENCOUNTER, Interaction.SEARCH, null, null);
		return patientIds.isEmpty() ? List.of() : withStays(encounters.rowsOfPatients(patientIds));
	}

	/**
	 * Every ward, by code: the groups a FHIR bulk export offers (a ward, a department).
	 * Names and codes of places, no patient data, so neither checked nor audited.
	 */
	@Transactional(readOnly = true)
	public List<Ward> wards() {
		return locations.occupancy().stream().map(WardOccupancy::ward).toList();
	}

	/**
	 * The ids of the patients lying on one of these wards now (an encounter in progress
	 * with a bed), ascending: the members of a ward's or department's group when its
	 * export starts. Ids only, so not audited; the export audits each patient it gives
	 * out.
	 */
	@Transactional(readOnly = true)
	public List<Long> patientsOnWards(Collection<String> wardCodes) {
		return wardCodes.isEmpty() ? List.of() : encounters.patientsOnWards(wardCodes);
	}

	/** Up to {@code limit} places after {@code after}: wards, then rooms, then beds. */
	@Transactional(readOnly = true)
	public List<PlaceInWard> placesAfter(@Nullable LocationRef after, int limit) {
		access.require(LOCATION, Interaction.SEARCH, null, null);
		return locations.placesAfter(after, limit);
	}

	/** The places with these references that exist. */
	@Transactional(readOnly = true)
	public List<PlaceInWard> places(Collection<LocationRef> refs) {
		access.require(LOCATION, Interaction.READ, null, null);
		return refs.isEmpty() ? List.of() : locations.places(refs);
	}

	private List<Encounter> withStays(List<EncounterRepository.Row> rows) {
		Map<EncounterId, List<BedStay>> stays = encounters
			.stays(rows.stream().map(EncounterRepository.Row::id).toList(), null);
		return rows.stream().map(row -> row.with(stays.getOrDefault(row.id(), List.of()))).toList();
	}

	private List<Encounter> audited(List<Encounter> found, String which) {
		audit.record(new AuditEntry(AuditAction.EXPORT, AdmissionService.ENCOUNTER, null, null, AuditOutcome.SUCCESS,
				"downtime export: " + found.size() + " records " + which));
		return found;
	}

}
