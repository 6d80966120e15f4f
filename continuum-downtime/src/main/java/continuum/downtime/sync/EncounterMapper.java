package continuum.downtime.sync;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Encounter with its current location: the ward census is built from these. */
@Component
class EncounterMapper implements RecordMapper {

	@Override
	public String type() {
		return "Encounter";
	}

	@Override
	public String table() {
		return "encounter";
	}

	@Override
	public Map<String, @Nullable Object> columns(SyncRecord record) {
		Columns columns = Columns.ofPatientLinked(record)
			.text(record, "status")
			.put("start_at", Json.instant(record.data(), "start"))
			.put("end_at", Json.instant(record.data(), "end"));
		for (String field : new String[] { "wardId", "wardCode", "wardName", "roomCode", "bedId", "bedCode" }) {
			columns.text(record, field);
		}
		return columns.done();
	}

}
