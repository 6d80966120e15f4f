package org.continuum.dicom.io;

import java.io.IOException;

/**
 * A data set or Part 10 file that does not follow PS3.5/PS3.10: says what was read,
 * where, and why it is wrong.
 */
public class DicomStreamException extends IOException {

	private static final long serialVersionUID = 1L;

	public DicomStreamException(String message) {
		super(message);
	}

	public DicomStreamException(String message, Throwable cause) {
		super(message, cause);
	}

}
