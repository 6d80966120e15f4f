package continuum.bulkdata;

/**
 * One file of an export as far as it has committed: its resource type
 * ({@code OperationOutcome} for the error file), its length and how many resources it
 * holds.
 */
public record ExportFile(String resourceType, long bytes, long resources) {

	/** The resource type of the error file. */
	public static final String ERRORS = "OperationOutcome";

	/** The file's name in the export's directory and in its download URL. */
	public String name() {
		return resourceType + ".ndjson";
	}

}
