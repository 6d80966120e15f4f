package continuum.imaging;

import continuum.platform.NotFoundException;

/**
 * No report (or none the caller may see) with that id, or no such requested procedure.
 */
public class ImagingReportNotFoundException extends NotFoundException {

	public ImagingReportNotFoundException(String message) {
		super(message);
	}

}
