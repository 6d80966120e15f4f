package continuum.downtime.sync;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Location: wards, rooms and beds. */
@Component
class LocationMapper implements RecordMapper {

	@Override
	public String type() {
		return "Location";
	}

	@Override
	public String table() {
		return "location";
	}

	@Override
	public Map<String, @Nullable Object> columns(SyncRecord record) {
		return Columns.of(record)
			.text(record, "kind")
			.text(record, "code")
			.text(record, "name")
			.text(record, "wardId")
			.text(record, "status")
			.done();
	}

}
