package continuum.hl7;

/**
 * The state of an inbound message ({@code hl7_message.state}); docs/lab.md, "Interface
 * monitor".
 */
public enum MessageState {

	/** Stored and committed, not processed yet (enhanced mode, or a crash before it). */
	RECEIVED("received"),
	/** Processed by its handler. */
	PROCESSED("processed"),
	/**
	 * Refused by its handler, or of a type no handler takes: kept, re-processable from
	 * the interface monitor.
	 */
	QUARANTINED("quarantined"),
	/**
	 * Unreadable (no MSH, wrong encoding characters, does not parse), truncated, over the
	 * size limit, or of an unsupported version or processing id: kept for the record, and
	 * its control id may be used again.
	 */
	REJECTED("rejected");

	private final String code;

	MessageState(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	static MessageState of(String code) {
		for (MessageState state : values()) {
			if (state.code.equals(code)) {
				return state;
			}
		}
		throw new IllegalArgumentException("Unknown message state " + code);
	}

}
