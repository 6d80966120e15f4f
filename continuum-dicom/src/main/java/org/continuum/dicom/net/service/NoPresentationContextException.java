package org.continuum.dicom.net.service;

import java.io.IOException;

/**
 * No accepted presentation context can carry this SOP class in this transfer syntax
 * (PS3.8 §7.1.1.13).
 */
public class NoPresentationContextException extends IOException {

	private static final long serialVersionUID = 1L;

	public NoPresentationContextException(String sopClassUid, String transferSyntax) {
		super("no accepted presentation context for SOP class " + sopClassUid + " with transfer syntax "
				+ transferSyntax);
	}

}
