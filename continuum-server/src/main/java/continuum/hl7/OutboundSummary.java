package continuum.hl7;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A message of the outbound queue as the monitor lists it. */
public record OutboundSummary(long id, String link, String orderingKey, @Nullable String controlId,
		@Nullable String type, Instant createdAt, String state, int attempts, @Nullable Instant nextAttemptAt,
		@Nullable String ackCode, @Nullable String lastError, @Nullable Instant sentAt, @Nullable String patientId) {
}
