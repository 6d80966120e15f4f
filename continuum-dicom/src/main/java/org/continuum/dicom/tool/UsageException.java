package org.continuum.dicom.tool;

/** Wrong command-line usage: printed with the command's help, exit code 1. */
final class UsageException extends Exception {

	private static final long serialVersionUID = 1L;

	UsageException(String message) {
		super(message);
	}

}
