package continuum.notifications;

/**
 * One way of reaching patients. Two real implementations, {@link EmailChannel} and
 * {@link SmsChannel}; another gateway is another bean of this type. A channel hands the
 * message's idempotency key to its peer, so that a message sent again after a crash can
 * be recognised there as a duplicate.
 */
interface Channel {

	DeliveryChannel type();

	/** Whether it has somewhere to send to; if not, messages are undeliverable. */
	boolean configured();

	/** Sends the message, or throws; returns only once the peer has accepted it. */
	void send(OutboxMessage message) throws DeliveryException, InterruptedException;

}
