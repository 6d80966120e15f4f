package continuum.downtime.sync;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Slot: the free and busy times of a schedule. */
@Component
class SlotMapper implements RecordMapper {

	@Override
	public String type() {
		return "Slot";
	}

	@Override
	public String table() {
		return "slot";
	}

	@Override
	public Map<String, @Nullable Object> columns(SyncRecord record) {
		return Columns.of(record)
			.text(record, "scheduleId")
			.put("start_at", Json.instant(record.data(), "start"))
			.put("end_at", Json.instant(record.data(), "end"))
			.text(record, "status")
			.done();
	}

}
