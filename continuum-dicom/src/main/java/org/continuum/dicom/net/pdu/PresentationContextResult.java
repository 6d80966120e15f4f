package org.continuum.dicom.net.pdu;

import org.jspecify.annotations.Nullable;

/** The acceptor's answer to one presentation context (PS3.8 §9.3.3.2, Table 9-18). */
public record PresentationContextResult(int id, Result result, @Nullable String transferSyntax) {

	/** Result/Reason field values. */
	public enum Result {

		ACCEPTANCE, USER_REJECTION, NO_REASON, ABSTRACT_SYNTAX_NOT_SUPPORTED, TRANSFER_SYNTAXES_NOT_SUPPORTED;

		public int code() {
			return ordinal();
		}

		static Result of(int code) throws PduFormatException {
			if (code < 0 || code > 4) {
				throw new PduFormatException(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE,
						"presentation context result " + code);
			}
			return values()[code];
		}

	}

	public boolean accepted() {
		return result == Result.ACCEPTANCE;
	}
}
