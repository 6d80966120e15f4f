package continuum.security;

import org.jspecify.annotations.Nullable;

/**
 * How a user reaches a restricted patient's record: through a care relationship, through
 * a break-the-glass access in force (with its id, which marks every audit row written
 * under it), or not at all.
 */
public record PatientAccess(Kind kind, @Nullable Long breakGlassId) {

	/**
	 * How the detail of an audit row written under a break-the-glass begins (then the
	 * break-the-glass id): the purpose of use "emergency access".
	 */
	public static final String EMERGENCY_MARK = "emergency access, break-the-glass ";

	public static final PatientAccess RELATIONSHIP = new PatientAccess(Kind.RELATIONSHIP, null);

	public static final PatientAccess DENIED = new PatientAccess(Kind.DENIED, null);

	public static PatientAccess emergency(long breakGlassId) {
		return new PatientAccess(Kind.EMERGENCY, breakGlassId);
	}

	public boolean allowed() {
		return kind != Kind.DENIED;
	}

	public enum Kind {

		RELATIONSHIP, EMERGENCY, DENIED

	}

}
