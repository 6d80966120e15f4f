package org.continuum.dicom.tool;

import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.service.RetrieveResult;

/** Prints the outcome of a C-MOVE or C-GET and maps it to an exit code. */
final class Retrievals {

	private Retrievals() {
	}

	static int report(String operation, RetrieveResult result) {
		System.out.printf("%s status 0x%04X: %d completed, %d failed, %d warning%n", operation, result.status(),
				result.completed(), result.failed(), result.warning());
		for (String uid : result.failedSopInstanceUids()) {
			System.out.println("failed: " + uid);
		}
		return Status.categoryOf(result.status()) == Status.Category.SUCCESS ? Command.EXIT_OK : Command.EXIT_STATUS;
	}

}
