package continuum.security;

import continuum.platform.ConflictException;

/**
 * An act on a privileged account that one administrator may only request: a second one
 * approves it ({@link StaffApprovalService}).
 */
public class TwoPersonRuleException extends ConflictException {

	public TwoPersonRuleException(String act) {
		super("Two administrators are needed for " + act + ": request it, and another administrator approves it");
	}

}
