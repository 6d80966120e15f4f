package continuum.security;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * A second-factor code that was wrong, used before or out of time: a failed sign-in like
 * a wrong password, counted towards the account's lockout by {@link LoginAuditor}.
 */
class WrongSecondFactorCodeException extends BadCredentialsException {

	WrongSecondFactorCodeException() {
		super("wrong second-factor code");
	}

}
