package org.continuum.dicom.net;

import java.io.IOException;

/**
 * The association ended by A-ABORT (received or sent) or by a lost connection (PS3.8
 * §7.3).
 */
public class AssociationAbortedException extends IOException {

	private static final long serialVersionUID = 1L;

	public AssociationAbortedException(String message) {
		super(message);
	}

}
