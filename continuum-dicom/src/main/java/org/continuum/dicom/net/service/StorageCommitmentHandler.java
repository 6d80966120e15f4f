package org.continuum.dicom.net.service;

import java.io.IOException;

/**
 * Decides a storage commitment (PS3.4 §J.3.2.2): the PACS implements this, answering
 * which of the referenced instances it holds safely (committed) and which not, with their
 * Failure Reason. Called after the N-ACTION-RSP is sent; an exception fails every
 * referenced instance with Processing Failure (0110) in the report.
 */
@FunctionalInterface
public interface StorageCommitmentHandler {

	StorageCommitmentResult commit(StorageCommitmentRequest request) throws IOException;

}
