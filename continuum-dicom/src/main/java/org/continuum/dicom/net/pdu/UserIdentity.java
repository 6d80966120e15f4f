package org.continuum.dicom.net.pdu;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/** User Identity negotiation sub-item of an A-ASSOCIATE-RQ (PS3.7 §D.3.3.7.1). */
public record UserIdentity(Type type, boolean positiveResponseRequested, byte[] primaryField, byte[] secondaryField) {

	/** User-Identity-Type values. */
	public enum Type {

		USERNAME(1), USERNAME_AND_PASSCODE(2), KERBEROS(3), SAML(4), JWT(5);

		private final int code;

		Type(int code) {
			this.code = code;
		}

		public int code() {
			return code;
		}

		static Type of(int code) throws PduFormatException {
			for (Type t : values()) {
				if (t.code == code) {
					return t;
				}
			}
			throw new PduFormatException(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE, "user identity type " + code);
		}

	}

	public static UserIdentity usernameAndPasscode(String username, String passcode, boolean responseRequested) {
		return new UserIdentity(Type.USERNAME_AND_PASSCODE, responseRequested,
				username.getBytes(java.nio.charset.StandardCharsets.UTF_8),
				passcode.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	public String username() {
		return new String(primaryField, java.nio.charset.StandardCharsets.UTF_8);
	}

	public String passcode() {
		return new String(secondaryField, java.nio.charset.StandardCharsets.UTF_8);
	}

	@Override
	public boolean equals(@Nullable Object o) {
		return o instanceof UserIdentity && ((UserIdentity) o).type == type
				&& ((UserIdentity) o).positiveResponseRequested == positiveResponseRequested
				&& Arrays.equals(((UserIdentity) o).primaryField, primaryField)
				&& Arrays.equals(((UserIdentity) o).secondaryField, secondaryField);
	}

	@Override
	public int hashCode() {
		return type.hashCode() * 31 + Arrays.hashCode(primaryField);
	}

	/** Never prints the passcode. */
	@Override
	public String toString() {
		return "UserIdentity[" + type + ", user=" + username() + "]";
	}
}
