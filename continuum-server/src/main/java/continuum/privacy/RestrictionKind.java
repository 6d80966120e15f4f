package continuum.privacy;

/** Why a patient's record is restricted. */
public enum RestrictionKind {

	VIP("VIP (public figure)"), STAFF_MEMBER("Member of staff"), PSYCHIATRY("Sensitive: psychiatry"),
	HIV("Sensitive: HIV"), SEXUAL_HEALTH("Sensitive: sexual health"), OTHER_SENSITIVE("Sensitive: other");

	private final String label;

	RestrictionKind(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
