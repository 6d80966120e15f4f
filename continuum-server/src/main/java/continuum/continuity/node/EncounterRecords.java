package continuum.continuity.node;

import java.util.List;
import java.util.Set;

import continuum.adt.AdtExportService;
import continuum.adt.BedLocation;
import continuum.adt.BedStay;
import continuum.adt.Encounter;
import continuum.adt.LocationKind;
import continuum.adt.LocationRef;
import continuum.patients.PatientExportService;
import continuum.patients.PatientId;
import org.springframework.stereotype.Component;

/**
 * Encounters with the bed the patient lies in now. A cancelled encounter does not hold,
 * nor does one of a patient merged away (encounters stay filed under the duplicate).
 */
@Component
class EncounterRecords extends IdRecords<Encounter> {

	private final AdtExportService adt;

	private final PatientExportService patients;

	EncounterRecords(AdtExportService adt, PatientExportService patients) {
		this.adt = adt;
		this.patients = patients;
	}

	@Override
	public String type() {
		return "Encounter";
	}

	@Override
	List<Encounter> after(long afterId, int limit) {
		return adt.encountersAfter(afterId, limit);
	}

	@Override
	List<Encounter> withIds(List<Long> ids) {
		return adt.encounters(ids);
	}

	@Override
	long id(Encounter row) {
		return row.id().value();
	}

	@Override
	List<DowntimeRecord> records(List<Encounter> rows) {
		Set<PatientId> merged = patients.mergedAway(rows.stream().map(Encounter::patient).toList());
		return rows.stream().filter(e -> !merged.contains(e.patient())).map(this::record).toList();
	}

	@Override
	DowntimeRecord record(Encounter e) {
		BedLocation bed = e.currentBed().map(BedStay::bed).orElse(null);
		return DowntimeRecord.of(type(), e.id().asString(), e.patient().asString(), RecordData.of("status",
				e.status().code(), "class", e.encounterClass().code(), "start", e.start(), "end", e.end(), "wardId",
				bed == null ? null : new LocationRef(LocationKind.WARD, bed.wardId()).asString(), "wardCode",
				bed == null ? null : bed.wardCode(), "wardName", bed == null ? null : bed.wardName(), "roomCode",
				bed == null ? null : bed.roomCode(), "bedId", bed == null ? null : LocationRef.of(bed.id()).asString(),
				"bedCode", bed == null ? null : bed.code()));
	}

}
