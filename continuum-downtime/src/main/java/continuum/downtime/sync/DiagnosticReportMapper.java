package continuum.downtime.sync;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * DiagnosticReport, a signed radiology report: the viewer shows its text (findings and
 * impression) when the server is down.
 */
@Component
class DiagnosticReportMapper implements RecordMapper {

	@Override
	public String type() {
		return "DiagnosticReport";
	}

	@Override
	public String table() {
		return "imaging_report";
	}

	@Override
	public Map<String, @Nullable Object> columns(SyncRecord record) {
		return Columns.ofPatientLinked(record)
			.text(record, "name")
			.text(record, "modality")
			.text(record, "accession")
			.text(record, "status")
			.text(record, "findings")
			.text(record, "impression")
			.text(record, "verifiedBy")
			.put("issued_at", Json.instant(record.data(), "issued"))
			.put("effective_at", Json.instant(record.data(), "effective"))
			.done();
	}

}
