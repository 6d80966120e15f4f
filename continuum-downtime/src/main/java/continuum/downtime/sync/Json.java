package continuum.downtime.sync;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reading the protocol's values: absent and JSON null are the same. */
final class Json {

	private Json() {
	}

	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull() || value.isMissingNode()) {
			return null;
		}
		if (value.isArray()) {
			StringBuilder joined = new StringBuilder();
			for (JsonNode item : value) {
				if (joined.length() > 0) {
					joined.append(", ");
				}
				joined.append(item.isObject() ? item.toString() : item.asString());
			}
			return joined.toString();
		}
		return value.isValueNode() ? value.asString() : value.toString();
	}

	static @Nullable Boolean bool(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.asBoolean();
	}

	static @Nullable Long number(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.asLong();
	}

	static @Nullable OffsetDateTime instant(JsonNode node, String field) {
		String text = text(node, field);
		return text == null ? null : Instant.parse(text).atOffset(ZoneOffset.UTC);
	}

	static @Nullable LocalDate date(JsonNode node, String field) {
		String text = text(node, field);
		return text == null ? null : LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
	}

}
