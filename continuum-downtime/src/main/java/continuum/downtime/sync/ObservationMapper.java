package continuum.downtime.sync;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Observation, a released laboratory result: the viewer shows each test's newest. */
@Component
class ObservationMapper implements RecordMapper {

	@Override
	public String type() {
		return "Observation";
	}

	@Override
	public String table() {
		return "lab_result";
	}

	@Override
	public Map<String, @Nullable Object> columns(SyncRecord record) {
		return Columns.ofPatientLinked(record)
			.text(record, "code")
			.text(record, "name")
			.put("result_value", record.text("value"))
			.text(record, "unit")
			.text(record, "referenceRange")
			.text(record, "flag")
			.text(record, "status")
			.put("effective_at", Json.instant(record.data(), "effective"))
			.put("issued_at", Json.instant(record.data(), "issued"))
			.done();
	}

}
