package continuum.continuity.node;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import continuum.patients.Allergy;
import continuum.patients.ClinicalEntry;
import continuum.patients.ClinicalKind;
import continuum.patients.Medication;
import continuum.patients.PatientExportService;
import continuum.patients.Problem;
import org.jspecify.annotations.Nullable;

/**
 * Allergies, medications and problems: one source per kind of clinical entry, each with
 * its mapping to the protocol's {@code data} (beans in {@link ClinicalRecordSources}).
 * Entries deleted or entered in error do not hold.
 */
class ClinicalRecords<T extends ClinicalEntry> extends IdRecords<T> {

	private final PatientExportService patients;

	private final ClinicalKind<T> kind;

	private final Function<T, Map<String, @Nullable Object>> data;

	ClinicalRecords(PatientExportService patients, ClinicalKind<T> kind,
			Function<T, Map<String, @Nullable Object>> data) {
		this.patients = patients;
		this.kind = kind;
		this.data = data;
	}

	@Override
	public String type() {
		return kind.resourceType();
	}

	@Override
	List<T> after(long afterId, int limit) {
		return patients.entriesAfter(kind, afterId, limit);
	}

	@Override
	List<T> withIds(List<Long> ids) {
		return patients.entries(kind, ids);
	}

	@Override
	long id(T row) {
		return row.id();
	}

	@Override
	DowntimeRecord record(T row) {
		return DowntimeRecord.of(type(), Long.toString(row.id()), row.patient().asString(), data.apply(row));
	}

	static Map<String, @Nullable Object> allergy(Allergy a) {
		return RecordData.of("codeSystem", a.substance().system(), "code", a.substance().code(), "substance",
				a.substance().text(), "category", a.category(), "criticality", a.criticality(), "clinicalStatus",
				a.clinicalStatus(), "verificationStatus", a.verificationStatus(), "reactions", a.reactions(),
				"reactionSeverity", a.reactionSeverity(), "recordedDate", a.recordedDate());
	}

	static Map<String, @Nullable Object> medication(Medication m) {
		return RecordData.of("codeSystem", m.drug().system(), "code", m.drug().code(), "drug", m.drug().text(), "dose",
				m.dose(), "route", m.route(), "frequency", m.frequency(), "status", m.status(), "periodStart",
				m.periodStart(), "periodEnd", m.periodEnd());
	}

	static Map<String, @Nullable Object> problem(Problem p) {
		return RecordData.of("codeSystem", p.code().system(), "code", p.code().code(), "text", p.code().text(),
				"clinicalStatus", p.clinicalStatus(), "verificationStatus", p.verificationStatus(), "onsetDate",
				p.onset());
	}

}
