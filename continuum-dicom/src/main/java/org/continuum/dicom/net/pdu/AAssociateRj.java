package org.continuum.dicom.net.pdu;

/** A-ASSOCIATE-RJ PDU (PS3.8 §9.3.4, Table 9-21). */
public record AAssociateRj(boolean permanent, Reason reason) implements Pdu {

	/** Source and reason together, as the standard defines them per source. */
	public enum Reason {

		NO_REASON_GIVEN(1, 1), APPLICATION_CONTEXT_NAME_NOT_SUPPORTED(1, 2), CALLING_AE_TITLE_NOT_RECOGNIZED(1, 3),
		CALLED_AE_TITLE_NOT_RECOGNIZED(1, 7), ACSE_NO_REASON_GIVEN(2, 1), PROTOCOL_VERSION_NOT_SUPPORTED(2, 2),
		TEMPORARY_CONGESTION(3, 1), LOCAL_LIMIT_EXCEEDED(3, 2);

		private final int source;

		private final int code;

		Reason(int source, int code) {
			this.source = source;
			this.code = code;
		}

		public int source() {
			return source;
		}

		public int code() {
			return code;
		}

		static Reason of(int source, int code) throws PduFormatException {
			for (Reason r : values()) {
				if (r.source == source && r.code == code) {
					return r;
				}
			}
			if (source >= 1 && source <= 3) {
				return source == 1 ? NO_REASON_GIVEN : source == 2 ? ACSE_NO_REASON_GIVEN : TEMPORARY_CONGESTION;
			}
			throw new PduFormatException(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE, "A-ASSOCIATE-RJ source " + source);
		}

	}

	@Override
	public PduType type() {
		return PduType.A_ASSOCIATE_RJ;
	}
}
