package continuum.imaging;

/**
 * A scheduled procedure step's state (PS3.3 §C.4.14, Performed Procedure Step Status and
 * the worklist's Scheduled Procedure Step Status): scheduled, then in progress when the
 * modality sends MPPS N-CREATE, completed or discontinued with its N-SET. A step of a
 * cancelled order is discontinued without having started.
 */
public enum StepStatus {

	SCHEDULED, IN_PROGRESS, COMPLETED, DISCONTINUED;

	/** The DICOM defined term (0040,0020) / (0040,0252). */
	public String dicomTerm() {
		return name().replace('_', ' ');
	}

}
