package continuum.notifications;

/**
 * Where a message stands. {@code FAILED} is a failed attempt that will be retried;
 * {@code DEAD} means the attempts are used up or the failure was permanent;
 * {@code UNDELIVERABLE} means it was never tried (no contact, channel not configured,
 * patient deceased) and someone must phone the patient.
 */
public enum DeliveryStatus {

	PENDING("pending"), SENDING("sending"), SENT("sent"), FAILED("failed"), DEAD("dead"),
	UNDELIVERABLE("undeliverable");

	private final String code;

	DeliveryStatus(String code) {
		this.code = code;
	}

	/** The code stored in the outbox. */
	public String code() {
		return code;
	}

	/** Whether the message is finished with: sent, or given up on. */
	public boolean isFinal() {
		return this == SENT || this == DEAD || this == UNDELIVERABLE;
	}

	static DeliveryStatus ofCode(String code) {
		for (DeliveryStatus status : values()) {
			if (status.code.equals(code)) {
				return status;
			}
		}
		throw new IllegalArgumentException("Unknown delivery status " + code);
	}

}
