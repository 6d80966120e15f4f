package org.continuum.dicom.net.service;

/**
 * Thrown by a handler to answer with a specific failure status (PS3.7 Annex C) and an
 * error comment.
 */
public class DimseException extends Exception {

	private static final long serialVersionUID = 1L;

	private final int status;

	public DimseException(org.continuum.dicom.net.Status status, String comment) {
		super(comment);
		this.status = status.code();
	}

	public int status() {
		return status;
	}

}
