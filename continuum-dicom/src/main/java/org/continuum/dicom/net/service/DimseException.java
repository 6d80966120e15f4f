package org.continuum.dicom.net.service;

/**
 * Thrown by a handler to answer with a specific failure status (PS3.7 Annex C), an error
 * comment and, for DIMSE-N responses (PS3.7 §10.1), an Error ID and the Attribute
 * Identifier List naming the attributes at fault.
 */
public class DimseException extends Exception {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final int errorId;

	private final int[] attributeIdentifiers;

	public DimseException(org.continuum.dicom.net.Status status, String comment) {
		this(status, comment, 0);
	}

	/**
	 * @param errorId a service-specific Error ID (0000,0903), 0 for none
	 * @param attributeIdentifiers the tags the failure is about (missing, invalid)
	 */
	public DimseException(org.continuum.dicom.net.Status status, String comment, int errorId,
			int... attributeIdentifiers) {
		super(comment);
		this.status = status.code();
		this.errorId = errorId;
		this.attributeIdentifiers = attributeIdentifiers.clone();
	}

	public int status() {
		return status;
	}

	/** Error ID (0000,0903); 0 when none. */
	public int errorId() {
		return errorId;
	}

	public int[] attributeIdentifiers() {
		return attributeIdentifiers.clone();
	}

}
