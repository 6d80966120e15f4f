package continuum.continuity.node;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Builds a record's {@code data} in the protocol's field order, absent values as JSON
 * null; instants and dates as the protocol writes them (ISO-8601, UTC).
 */
final class RecordData {

	private RecordData() {
	}

	/** Field names and values, alternately. */
	static Map<String, @Nullable Object> of(@Nullable Object... namesAndValues) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			data.put((String) namesAndValues[i], json(namesAndValues[i + 1]));
		}
		return data;
	}

	private static @Nullable Object json(@Nullable Object value) {
		if (value instanceof Instant || value instanceof LocalDate) {
			return value.toString();
		}
		return value;
	}

}
