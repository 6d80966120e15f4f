package continuum.notifications;

import java.time.Instant;
import java.util.UUID;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * The delivery state of one outbox message, for schedulers and administrators: no
 * recipient and no text, only what happened. {@code channel} is absent for a patient who
 * cannot be reached at all; {@code lastError} is a code such as {@code no-contact},
 * {@code channel-not-configured}, {@code sms-http-503} (see docs/notifications.md).
 */
public record NotificationMessage(long id, UUID idempotencyKey, PatientId patient, NotificationKind kind,
		String reference, @Nullable DeliveryChannel channel, String language, DeliveryStatus status, int attempts,
		@Nullable String lastError, Instant createdAt, @Nullable Instant nextAttemptAt, @Nullable Instant sentAt) {
}
