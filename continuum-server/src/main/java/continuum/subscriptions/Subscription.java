package continuum.subscriptions;

import java.time.Instant;
import java.util.List;

import continuum.security.ActingRights;
import org.jspecify.annotations.Nullable;

/**
 * A client's subscription as stored: what it asks for (criteria, channel, end), its
 * state, whose rights its notifications go out under, and how its deliveries went.
 */
public record Subscription(long id, int version, SubscriptionStatus status, String criteria, String endpoint,
		@Nullable String payload, List<String> headers, @Nullable Instant end, @Nullable String reason,
		@Nullable String error, ActingRights owner, long fromSeq, Instant lastUpdated, Delivery delivery) {

	/**
	 * How deliveries went: the last attempt and the last success, the failures since the
	 * last success (and since when), the last failure's reason, how many notifications
	 * were delivered, withheld (the owner may not read the resource) and are waiting.
	 */
	public record Delivery(@Nullable Instant lastAttempt, @Nullable Instant lastSuccess, int failures,
			@Nullable Instant failingSince, @Nullable String lastError, long delivered, long withheld, long pending) {
	}

	/** What a client asks for when it creates or updates a subscription. */
	public record Request(@Nullable String status, @Nullable String criteria, @Nullable String channelType,
			@Nullable String endpoint, @Nullable String payload, List<String> headers, @Nullable Instant end,
			@Nullable String reason) {
	}

}
