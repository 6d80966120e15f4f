package continuum.continuity.node;

import java.util.List;

import continuum.patients.Patient;
import continuum.patients.PatientExportService;
import continuum.privacy.RestrictionKind;
import continuum.privacy.RestrictionService;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Patients: a snapshot lists those not merged away; by id, a merged duplicate comes with
 * {@code mergedInto}, so that a node shows it as merged into its survivor.
 */
@Component
class PatientRecords extends IdRecords<Patient> {

	private final PatientExportService patients;

	private final RestrictionService restrictions;

	PatientRecords(PatientExportService patients, RestrictionService restrictions) {
		this.patients = patients;
		this.restrictions = restrictions;
	}

	/**
	 * The records, each with its restriction ({@code restricted}: the kind, or null), so
	 * that a node asks for a break-the-glass reason before it shows a restricted record.
	 */
	@Override
	List<DowntimeRecord> records(List<Patient> rows) {
		java.util.Map<Long, RestrictionKind> kinds = restrictions
			.kinds(rows.stream().map(p -> p.id().value()).toList());
		return rows.stream().map(p -> record(p, kinds.get(p.id().value()))).toList();
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
		return record(p, null);
	}

	private DowntimeRecord record(Patient p, @Nullable RestrictionKind restricted) {
		String id = p.id().asString();
		return DowntimeRecord.of(type(), id, id,
				RecordData.of("mrn", p.mrn(), "familyName", p.family(), "givenNames",
						p.given().isEmpty() ? null : String.join(" ", p.given()), "prefix", p.data().prefix(),
						"birthDate", p.birthDate(), "gender", p.gender().code(), "deceased", p.deceased(), "mergedInto",
						p.mergedInto() == null ? null : p.mergedInto().asString(), "restricted",
						restricted == null ? null : restricted.name()));
	}

}
