package continuum.notifications;

/** How a message reaches the patient. */
public enum DeliveryChannel {

	EMAIL("email"), SMS("sms");

	private final String code;

	DeliveryChannel(String code) {
		this.code = code;
	}

	/** The code stored in the outbox. */
	public String code() {
		return code;
	}

	static DeliveryChannel ofCode(String code) {
		for (DeliveryChannel channel : values()) {
			if (channel.code.equals(code)) {
				return channel;
			}
		}
		throw new IllegalArgumentException("Unknown channel code " + code);
	}

}
