package continuum.patients;

import continuum.platform.NotFoundException;

/** Thrown when no patient (or clinical record) has the requested id. */
public class PatientNotFoundException extends NotFoundException {

	public PatientNotFoundException(String message) {
		super(message);
	}

}
