package continuum.lab;

import continuum.platform.NotFoundException;

/** No laboratory order, item or specimen with the given id. */
public class LabOrderNotFoundException extends NotFoundException {

	public LabOrderNotFoundException(String message) {
		super(message);
	}

}
