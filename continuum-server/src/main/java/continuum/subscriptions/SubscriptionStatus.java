package continuum.subscriptions;

import java.util.Locale;

/**
 * A subscription's status as FHIR R4 codes it (subscription-status): {@code requested} is
 * what a client asks for and never stored, since a subscription the server accepts is
 * {@code active} at once.
 */
public enum SubscriptionStatus {

	/** Notifications are sent. */
	ACTIVE,
	/** Delivery kept failing; {@code Subscription.error} says why. Nothing is sent. */
	ERROR,
	/** Turned off by its client, or past its end. Nothing is sent. */
	OFF;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

}
