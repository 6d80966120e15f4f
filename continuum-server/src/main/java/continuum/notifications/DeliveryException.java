package continuum.notifications;

/**
 * A send that did not go through. {@code code} is a short stable code stored as the
 * message's last error ({@code smtp-unavailable}, {@code sms-http-503}, ...); it never
 * carries the recipient or the text. A permanent failure is not retried.
 */
class DeliveryException extends Exception {

	private final String code;

	private final boolean permanent;

	DeliveryException(String code, boolean permanent, Throwable cause) {
		super(code, cause);
		this.code = code;
		this.permanent = permanent;
	}

	DeliveryException(String code, boolean permanent) {
		super(code);
		this.code = code;
		this.permanent = permanent;
	}

	String code() {
		return code;
	}

	boolean permanent() {
		return permanent;
	}

}
