package continuum.continuity.node;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import continuum.imaging.ImagingReport;
import continuum.imaging.ImagingReportExportService;
import continuum.imaging.ImagingReportId;
import continuum.patients.PatientExportService;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Signed radiology reports (final or amended), type {@code DiagnosticReport} with ids
 * {@code img-<n>} as FHIR gives them; the cursor is the last report number read. A draft,
 * preliminary or withdrawn report does not hold, nor does one of a patient merged away
 * (reports stay filed under the duplicate).
 */
@Component
class ReportRecords implements RecordSource {

	private final ImagingReportExportService reports;

	private final PatientExportService patients;

	ReportRecords(ImagingReportExportService reports, PatientExportService patients) {
		this.reports = reports;
		this.patients = patients;
	}

	@Override
	public String type() {
		return "DiagnosticReport";
	}

	@Override
	public Page snapshot(@Nullable String after, int limit) {
		List<ImagingReport> rows = reports.signedAfter(QueryParameters.position("after", after, 0), limit);
		String next = rows.size() < limit ? null : Long.toString(rows.get(rows.size() - 1).id().value());
		return new Page(records(rows), next);
	}

	@Override
	public Map<String, DowntimeRecord> find(List<String> ids) {
		List<Long> numbers = ids.stream().map(ReportRecords::number).distinct().toList();
		Map<String, DowntimeRecord> found = new HashMap<>();
		records(reports.signed(numbers)).forEach(record -> found.put(record.id(), record));
		return found;
	}

	private List<DowntimeRecord> records(List<ImagingReport> rows) {
		Set<PatientId> merged = patients.mergedAway(rows.stream().map(ImagingReport::patient).toList());
		return rows.stream().filter(r -> !merged.contains(r.patient())).map(ReportRecords::record).toList();
	}

	private static DowntimeRecord record(ImagingReport r) {
		return DowntimeRecord.of("DiagnosticReport", r.id().asString(), r.patient().asString(), RecordData.of(
				"category", "RAD", "code", r.procedure().procedureCode(), "name", r.procedure().procedureName(),
				"modality", r.procedure().modality(), "accession", r.procedure().accessionNumber(), "status",
				r.status().fhirCode(), "findings", r.findings(), "impression", r.impression(), "verifiedBy",
				r.verifiedBy(), "issued", r.verifiedAt(), "effective",
				r.procedure().imagesReceived() == null ? r.procedure().updatedAt() : r.procedure().imagesReceived()));
	}

	private static long number(String id) {
		Optional<ImagingReportId> report = ImagingReportId.parse(id);
		if (report.isEmpty()) {
			throw new BadParameterException("'ids' must be ids as the server gives them (img-<n> for reports)");
		}
		return report.get().value();
	}

}
