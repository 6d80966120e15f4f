package continuum.continuity.node;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One record of the downtime protocol: a resource's full state as a node stores it, or
 * the note that it no longer exists ({@code deleted}, no data).
 */
record DowntimeRecord(String type, String id, @Nullable String patientId, boolean deleted,
		@Nullable Map<String, @Nullable Object> data) {

	static DowntimeRecord of(String type, String id, @Nullable String patientId, Map<String, @Nullable Object> data) {
		return new DowntimeRecord(type, id, patientId, false, data);
	}

	/** What {@code /records} answers for an id that no longer holds. */
	static DowntimeRecord deleted(String type, String id) {
		return new DowntimeRecord(type, id, null, true, null);
	}

}
