package continuum.continuity.node;

import java.util.List;

import continuum.patients.Patient;
import continuum.patients.PatientExportService;
import org.springframework.stereotype.Component;

/**
 * Patients: a snapshot lists those not merged away; by id, a merged duplicate comes with
 * {@code mergedInto}, so that a node shows it as merged into its survivor.
 */
@Component
class PatientRecords extends IdRecords<Patient> {

	private final PatientExportService patients;

	PatientRecords(PatientExportService patients) {
		this.patients = patients;
	}

	@Override
	public String type() {
		return "Patient";
	}

	@Override
	List<Patient> after(long afterId, int limit) {
		return patients.patientsAfter(afterId, limit);
	}

	@Override
	List<Patient> withIds(List<Long> ids) {
		return patients.patients(ids);
	}

	@Override
	long id(Patient row) {
		return row.id().value();
	}

	@Override
	DowntimeRecord record(Patient p) {
		String id = p.id().asString();
		return DowntimeRecord.of(type(), id, id,
				RecordData.of("mrn", p.mrn(), "familyName", p.family(), "givenNames",
						p.given().isEmpty() ? null : String.join(" ", p.given()), "prefix", p.data().prefix(),
						"birthDate", p.birthDate(), "gender", p.gender().code(), "deceased", p.deceased(), "mergedInto",
						p.mergedInto() == null ? null : p.mergedInto().asString()));
	}

}
