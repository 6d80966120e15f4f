package continuum.hl7;

import org.jspecify.annotations.Nullable;

/**
 * Why a message was not accepted, as its acknowledgement says it: the code of table 0357,
 * the text (ERR-8, MSA-3), where (ERR-2) and whether it is a reject (AR/CR) or an error
 * (AE/CE).
 */
record AckError(Hl7ErrorCode code, String text, @Nullable ErrorLocation where, boolean reject) {

	AckError {
		text = text.length() > 400 ? text.substring(0, 400) : text;
	}

	static AckError reject(Hl7ErrorCode code, String text, @Nullable ErrorLocation where) {
		return new AckError(code, text, where, true);
	}

	static AckError of(Hl7ApplicationException failure) {
		return new AckError(failure.code(), failure.getMessage(), failure.where(), failure.isReject());
	}

	/** MSA-1 of an original-mode or application acknowledgement. */
	String applicationCode() {
		return reject ? "AR" : "AE";
	}

	/** MSA-1 of an accept acknowledgement. */
	String acceptCode() {
		return reject ? "CR" : "CE";
	}

}
