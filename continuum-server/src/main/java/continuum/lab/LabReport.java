package continuum.lab;

import java.time.Instant;
import java.util.List;

import continuum.patients.PatientId;

/**
 * The released results of one order item (a FHIR DiagnosticReport): effective is the
 * earliest observation time of its released results, issued the latest release, and
 * lastUpdated the latest change to one of them. Only released results are part of it. Its
 * version counts the moments it changed: a result released, corrected, or withdrawn for a
 * correction ({@link LabHistoryService}).
 */
public record LabReport(LabItemId item, PatientId patient, Orderable orderable, ReportStatus status, Instant effective,
		Instant issued, Instant lastUpdated, List<LabResult> results, int version) {

	public LabReport {
		results = List.copyOf(results);
	}

	/** The accession numbers of the specimens its results were measured on. */
	public List<String> specimens() {
		return results.stream().map(LabResult::accession).distinct().sorted().toList();
	}

}
