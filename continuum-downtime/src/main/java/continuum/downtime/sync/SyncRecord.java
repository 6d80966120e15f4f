package continuum.downtime.sync;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One record as the server sends it (protocol v1): full state of a resource, or a
 * tombstone when {@code deleted}.
 */
record SyncRecord(String type, String id, @Nullable String patientId, boolean deleted, JsonNode data) {

	static SyncRecord of(JsonNode node) {
		return new SyncRecord(node.path("type").asString(), node.path("id").asString(), Json.text(node, "patientId"),
				node.path("deleted").asBoolean(false), node.path("data"));
	}

	@Nullable String text(String field) {
		return Json.text(data, field);
	}

}
