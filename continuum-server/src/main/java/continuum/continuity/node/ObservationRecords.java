package continuum.continuity.node;

import java.util.List;
import java.util.Set;

import continuum.lab.LabExportService;
import continuum.lab.LabResult;
import continuum.patients.PatientExportService;
import continuum.patients.PatientId;
import org.springframework.stereotype.Component;

/**
 * Released laboratory results (an unreleased one, or one taken back for correction, does
 * not hold); one of a patient merged away does not hold either (results stay filed under
 * the duplicate).
 */
@Component
class ObservationRecords extends IdRecords<LabResult> {

	private final LabExportService lab;

	private final PatientExportService patients;

	ObservationRecords(LabExportService lab, PatientExportService patients) {
		this.lab = lab;
		this.patients = patients;
	}

	@Override
	public String type() {
		return "Observation";
	}

	@Override
	List<LabResult> after(long afterId, int limit) {
		return lab.releasedAfter(afterId, limit);
	}

	@Override
	List<LabResult> withIds(List<Long> ids) {
		return lab.released(ids);
	}

	@Override
	long id(LabResult row) {
		return row.id().value();
	}

	@Override
	List<DowntimeRecord> records(List<LabResult> rows) {
		Set<PatientId> merged = patients.mergedAway(rows.stream().map(LabResult::patient).toList());
		return rows.stream().filter(r -> !merged.contains(r.patient())).map(this::record).toList();
	}

	@Override
	DowntimeRecord record(LabResult r) {
		return DowntimeRecord.of(type(), r.id().asString(), r.patient().asString(),
				RecordData.of("code", r.test().code(), "name", r.test().shortName(), "value", r.value().display(),
						"unit", r.unit(), "referenceRange", r.range().text(), "flag",
						r.flag() == null ? null : r.flag().code(), "status", r.status().fhirCode(), "effective",
						r.observedAt(), "issued", r.releasedAt()));
	}

}
