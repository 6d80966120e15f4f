package continuum.imaging;

import continuum.platform.NotFoundException;

/**
 * No study served under that id or UID (unknown, quarantined, or of an unknown patient).
 */
public class ImagingStudyNotFoundException extends NotFoundException {

	public ImagingStudyNotFoundException(String message) {
		super(message);
	}

}
