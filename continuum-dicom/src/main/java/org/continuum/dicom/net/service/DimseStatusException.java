package org.continuum.dicom.net.service;

import java.io.IOException;

/** A DIMSE operation ended with a status other than Success (PS3.7 Annex C). */
public class DimseStatusException extends IOException {

	private static final long serialVersionUID = 1L;

	private final int status;

	public DimseStatusException(String operation, int status) {
		super(String.format("%s ended with status 0x%04X", operation, status));
		this.status = status;
	}

	public int status() {
		return status;
	}

}
