package org.continuum.dicom.net.service;

import java.io.IOException;

/**
 * Receives the storage commitment reports that reach an SCU's own listening AE (PS3.4
 * §J.3.3.2), on associations the Storage Commitment SCP opens.
 */
@FunctionalInterface
public interface StorageCommitmentReportHandler {

	void onReport(StorageCommitmentResult result) throws IOException;

}
