package continuum.hl7;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the interface monitor looks for among inbound messages; every part is optional.
 * {@code patient} matches the patient id a handler reported or any PID-3 identifier.
 * Newest first, at most {@code limit}.
 */
public record MessageSearch(@Nullable String controlId, @Nullable String patient, @Nullable Instant from,
		@Nullable Instant to, @Nullable MessageState state, @Nullable String link, int limit) {

	public MessageSearch {
		controlId = blankToNull(controlId);
		patient = blankToNull(patient);
		link = blankToNull(link);
		limit = Math.max(1, Math.min(limit, 500));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
