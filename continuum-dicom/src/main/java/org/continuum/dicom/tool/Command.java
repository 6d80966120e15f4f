package org.continuum.dicom.tool;

/**
 * One tool of the jar. Exit codes: 0 success, 1 usage, 2 network or association failure,
 * 3 DIMSE failure status.
 */
interface Command {

	int EXIT_OK = 0;

	int EXIT_USAGE = 1;

	int EXIT_NETWORK = 2;

	int EXIT_STATUS = 3;

	String name();

	String help();

	int run(String[] args) throws Exception;

}
