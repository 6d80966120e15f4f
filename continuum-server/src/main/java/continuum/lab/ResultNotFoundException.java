package continuum.lab;

import continuum.platform.NotFoundException;

/** No laboratory result (or alert) with the given id. */
public class ResultNotFoundException extends NotFoundException {

	public ResultNotFoundException(String message) {
		super(message);
	}

}
