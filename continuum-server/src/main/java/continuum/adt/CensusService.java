package continuum.adt;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.patients.AllergyStatus;
import continuum.patients.ClinicalRecordService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who lies where: the census of a ward (each occupant's banner facts, read through the
 * patients module and so audited there) and the current bed of one patient, for the chart
 * banner.
 */
@Service
public class CensusService {

	private static final String ENCOUNTER = AdmissionService.ENCOUNTER;

	private static final ZoneId HOSPITAL_ZONE = ZoneId.of("Europe/Brussels");

	private final LocationRepository locations;

	private final EncounterRepository encounters;

	private final PatientService patients;

	private final ClinicalRecordService clinical;

	private final AccessControl access;

	private final AuditService audit;

	private final Clock clock;

	CensusService(LocationRepository locations, EncounterRepository encounters, PatientService patients,
			ClinicalRecordService clinical, AccessControl access, AuditService audit, Clock clock) {
		this.locations = locations;
		this.encounters = encounters;
		this.patients = patients;
		this.clinical = clinical;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Every bed of the ward in room order, with its occupant and, for roles that may see
	 * allergies, the occupant's allergy status (one query for the ward).
	 */
	@Transactional
	public WardCensus census(String wardCode) {
		access.require("Location", Interaction.READ, wardCode, null);
		access.require(ENCOUNTER, Interaction.SEARCH, null, null);
		Ward ward = locations.ward(wardCode)
			.orElseThrow(() -> new LocationNotFoundException("No ward with code " + wardCode));
		LocalDate today = LocalDate.now(clock.withZone(HOSPITAL_ZONE));
		List<LocationRepository.BedRow> beds = locations.beds(ward.id());
		Map<BedId, Occupant> occupants = new LinkedHashMap<>();
		java.util.Set<Long> hidden = access.hiddenPatients();
		for (LocationRepository.BedRow row : beds) {
			Occupant occupant = occupant(row, today, hidden);
			if (occupant != null) {
				occupants.put(row.bed().id(), occupant);
			}
		}
		Map<PatientId, AllergyStatus> allergies = occupants.isEmpty()
				|| !access.allows("AllergyIntolerance", Interaction.SEARCH)
						? Map.of()
						: clinical.allergyStatusOf(occupants.values()
							.stream()
							.map(Occupant::patient)
							.filter(p -> !hidden.contains(p.value()))
							.toList());
		List<WardCensus.Line> lines = new ArrayList<>();
		for (LocationRepository.BedRow row : beds) {
			Occupant occupant = occupants.get(row.bed().id());
			lines.add(new WardCensus.Line(row.bed(), occupant,
					occupant == null ? null : allergies.get(occupant.patient())));
		}
		return new WardCensus(ward, lines);
	}

	/** Where the patient lies now, if in a bed; audited as a read of the encounter. */
	@Transactional
	public Optional<CurrentStay> currentStay(PatientId patient) {
		access.require(ENCOUNTER, Interaction.READ, null, patient.asString());
		Optional<EncounterRepository.Row> row = encounters.currentStay(patient);
		if (row.isEmpty()) {
			return Optional.empty();
		}
		EncounterId id = row.get().id();
		audit.record(AuditEntry.success(AuditAction.READ, ENCOUNTER, id.asString(), patient.asString()));
		return encounters.stays(List.of(id), null)
			.getOrDefault(id, List.of())
			.stream()
			.filter(BedStay::current)
			.findFirst()
			.map(stay -> new CurrentStay(id, stay.bed().wardCode(), stay.bed().wardName(), stay.bed().roomCode(),
					stay.bed().code(), stay.from()));
	}

	/**
	 * The bed's occupant; a restricted record the caller may not open shows as such, with
	 * no name, MRN, age or sex (audited as a {@link AccessControl#RESTRICTED_LISTING}).
	 */
	private @Nullable Occupant occupant(LocationRepository.BedRow row, LocalDate today, java.util.Set<Long> hidden) {
		if (row.encounter() == null || row.patient() == null || row.admitted() == null || row.since() == null) {
			return null;
		}
		if (hidden.contains(row.patient().value())) {
			audit.record(new AuditEntry(AuditAction.SEARCH, AccessControl.RESTRICTED_LISTING,
					row.encounter().asString(), row.patient().asString(), continuum.audit.AuditOutcome.SUCCESS,
					"restricted record in the census"));
			return new Occupant(row.encounter(), row.patient(), "Restricted record", "", null, "", row.admitted(),
					row.since());
		}
		audit.record(
				AuditEntry.success(AuditAction.READ, ENCOUNTER, row.encounter().asString(), row.patient().asString()));
		PatientSummary summary = patients.summary(row.patient());
		Integer age = summary.birthDate() == null ? null : Period.between(summary.birthDate(), today).getYears();
		return new Occupant(row.encounter(), row.patient(), summary.family().toUpperCase() + ", " + summary.given(),
				summary.mrn(), age, summary.gender().code(), row.admitted(), row.since());
	}

}
