package continuum.notifications;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A claimed outbox row as the dispatcher sends it: recipient and rendered text included.
 * Never logged; {@link #toString()} names the id only.
 */
record OutboxMessage(long id, UUID idempotencyKey, long patientId, DeliveryChannel channel, String recipient,
		@Nullable String subject, String body, int attempts, Instant leaseEnd) {

	@Override
	public String toString() {
		return "OutboxMessage[" + id + "]";
	}

}
