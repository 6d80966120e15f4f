package continuum.scheduling;

import continuum.platform.NotFoundException;

/** Thrown when no appointment has the given id. */
public class AppointmentNotFoundException extends NotFoundException {

	public AppointmentNotFoundException(AppointmentId id) {
		super("No appointment with id " + id);
	}

	public AppointmentNotFoundException(AppointmentId id, int version) {
		super("No version " + version + " of appointment " + id);
	}

}
