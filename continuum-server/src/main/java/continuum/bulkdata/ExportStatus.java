package continuum.bulkdata;

/**
 * Where an export stands: accepted and running (or waiting for the worker), completed
 * with its files, failed, or cancelled by its client (then answered as unknown).
 */
public enum ExportStatus {

	ACCEPTED, COMPLETED, FAILED, CANCELLED

}
