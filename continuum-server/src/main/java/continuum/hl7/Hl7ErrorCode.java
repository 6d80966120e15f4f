package continuum.hl7;

/**
 * HL7 table 0357 (message error condition codes), the ERR-3 of every error
 * acknowledgement this module sends.
 */
public enum Hl7ErrorCode {

	MESSAGE_ACCEPTED(0, "Message accepted"), SEGMENT_SEQUENCE_ERROR(100, "Segment sequence error"),
	REQUIRED_FIELD_MISSING(101, "Required field missing"), DATA_TYPE_ERROR(102, "Data type error"),
	TABLE_VALUE_NOT_FOUND(103, "Table value not found"), UNSUPPORTED_MESSAGE_TYPE(200, "Unsupported message type"),
	UNSUPPORTED_EVENT_CODE(201, "Unsupported event code"), UNSUPPORTED_PROCESSING_ID(202, "Unsupported processing id"),
	UNSUPPORTED_VERSION_ID(203, "Unsupported version id"), UNKNOWN_KEY_IDENTIFIER(204, "Unknown key identifier"),
	DUPLICATE_KEY_IDENTIFIER(205, "Duplicate key identifier"),
	APPLICATION_RECORD_LOCKED(206, "Application record locked"),
	APPLICATION_INTERNAL_ERROR(207, "Application internal error");

	private final int code;

	private final String text;

	Hl7ErrorCode(int code, String text) {
		this.code = code;
		this.text = text;
	}

	/** The code of table 0357. */
	public int code() {
		return code;
	}

	/** The text of table 0357. */
	public String text() {
		return text;
	}

	/** The constant of a code; application internal error for a code not in the table. */
	public static Hl7ErrorCode of(int code) {
		for (Hl7ErrorCode value : values()) {
			if (value.code == code) {
				return value;
			}
		}
		return APPLICATION_INTERNAL_ERROR;
	}

}
