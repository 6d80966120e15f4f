package org.continuum.dicom.net.service;

import java.util.List;

/**
 * The final C-MOVE or C-GET response (PS3.4 §C.4.2.1.4): status, sub-operation counts,
 * failed instance UIDs.
 */
public record RetrieveResult(int status, int completed, int failed, int warning, List<String> failedSopInstanceUids) {

	public RetrieveResult {
		failedSopInstanceUids = List.copyOf(failedSopInstanceUids);
	}
}
