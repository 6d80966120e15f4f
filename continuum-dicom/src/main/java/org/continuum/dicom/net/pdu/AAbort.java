package org.continuum.dicom.net.pdu;

/** A-ABORT PDU (PS3.8 §9.3.8, Table 9-26). */
public record AAbort(Source source, Reason reason) implements Pdu {

	/** Who aborted. */
	public enum Source {

		SERVICE_USER(0), SERVICE_PROVIDER(2);

		private final int code;

		Source(int code) {
			this.code = code;
		}

		public int code() {
			return code;
		}

		static Source of(int code) {
			return code == 2 ? SERVICE_PROVIDER : SERVICE_USER;
		}

	}

	/**
	 * Reasons; meaningful when the source is the service provider, otherwise
	 * NOT_SPECIFIED.
	 */
	public enum Reason {

		NOT_SPECIFIED(0), UNRECOGNIZED_PDU(1), UNEXPECTED_PDU(2), UNRECOGNIZED_PDU_PARAMETER(4),
		UNEXPECTED_PDU_PARAMETER(5), INVALID_PDU_PARAMETER_VALUE(6);

		private final int code;

		Reason(int code) {
			this.code = code;
		}

		public int code() {
			return code;
		}

		static Reason of(int code) {
			for (Reason r : values()) {
				if (r.code == code) {
					return r;
				}
			}
			return NOT_SPECIFIED;
		}

	}

	public static AAbort byUser() {
		return new AAbort(Source.SERVICE_USER, Reason.NOT_SPECIFIED);
	}

	public static AAbort byProvider(Reason reason) {
		return new AAbort(Source.SERVICE_PROVIDER, reason);
	}

	@Override
	public PduType type() {
		return PduType.A_ABORT;
	}
}
