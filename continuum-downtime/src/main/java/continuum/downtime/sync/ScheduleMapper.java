package continuum.downtime.sync;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Schedule: whose agenda an appointment is in. */
@Component
class ScheduleMapper implements RecordMapper {

	@Override
	public String type() {
		return "Schedule";
	}

	@Override
	public String table() {
		return "schedule";
	}

	@Override
	public Map<String, @Nullable Object> columns(SyncRecord record) {
		return Columns.of(record).text(record, "name").put("active", Json.bool(record.data(), "active")).done();
	}

}
