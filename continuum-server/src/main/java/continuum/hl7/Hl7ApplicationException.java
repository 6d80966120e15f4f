package continuum.hl7;

import org.jspecify.annotations.Nullable;

/**
 * An application error, with the HL7 table 0357 code, where it was (ERR-2) and whether it
 * is a reject (AR) or an error (AE). Its text goes into ERR-8 and MSA-3, so it names what
 * is wrong by ids and codes, never by patient data.
 */
public class Hl7ApplicationException extends RuntimeException {

	private final Hl7ErrorCode code;

	private final @Nullable ErrorLocation where;

	private final boolean reject;

	private final @Nullable String patientId;

	/** An application error (AE). */
	public Hl7ApplicationException(Hl7ErrorCode code, String text, @Nullable ErrorLocation where) {
		this(code, text, where, false, null);
	}

	private Hl7ApplicationException(Hl7ErrorCode code, String text, @Nullable ErrorLocation where, boolean reject,
			@Nullable String patientId) {
		super(text);
		this.code = code;
		this.where = where;
		this.reject = reject;
		this.patientId = patientId;
	}

	/** An application reject (AR). */
	public static Hl7ApplicationException reject(Hl7ErrorCode code, String text, @Nullable ErrorLocation where) {
		return new Hl7ApplicationException(code, text, where, true, null);
	}

	/**
	 * The same error, naming the patient the message is about (for the monitor and the
	 * audit), when the handler knew it.
	 */
	public Hl7ApplicationException withPatient(String patientId) {
		Hl7ApplicationException copy = new Hl7ApplicationException(code, getMessage(), where, reject, patientId);
		copy.setStackTrace(getStackTrace());
		return copy;
	}

	public Hl7ErrorCode code() {
		return code;
	}

	public @Nullable ErrorLocation where() {
		return where;
	}

	/** Whether the message is rejected (AR) rather than in error (AE). */
	public boolean isReject() {
		return reject;
	}

	public @Nullable String patientId() {
		return patientId;
	}

	@Override
	public String getMessage() {
		String message = super.getMessage();
		return message == null ? code.text() : message;
	}

}
