package org.continuum.dicom.net.service;

/**
 * Takes the storage commitment reports a {@link StorageCommitmentScp} cannot send on the
 * requestor's association because the requestor released it (PS3.4 §J.3.3.2): such a
 * report goes on a new association to the requestor, now
 * ({@link StorageCommitmentScp#reportOnNewAssociation}) or — for an SCP that keeps
 * undelivered reports and retries them — later. Called on the association's thread.
 */
@FunctionalInterface
public interface StorageCommitmentReportDelivery {

	void deliver(String aeTitle, StorageCommitmentResult result);

}
