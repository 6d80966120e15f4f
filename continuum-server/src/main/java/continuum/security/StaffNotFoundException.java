package continuum.security;

import continuum.platform.NotFoundException;

/** Thrown when no account has the requested id or username. */
public class StaffNotFoundException extends NotFoundException {

	public StaffNotFoundException(String what) {
		super("No staff member " + what);
	}

}
