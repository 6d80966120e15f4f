package continuum.imaging;

import continuum.platform.NotFoundException;

/**
 * No imaging order, requested procedure or procedure step with the given id or number.
 */
public class ImagingOrderNotFoundException extends NotFoundException {

	public ImagingOrderNotFoundException(String message) {
		super(message);
	}

}
