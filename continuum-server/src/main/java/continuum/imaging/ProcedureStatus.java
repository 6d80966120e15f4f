package continuum.imaging;

/**
 * A requested procedure's state: scheduled until its step starts, in progress, completed
 * or discontinued as its step ended (MPPS), cancelled with its order.
 */
public enum ProcedureStatus {

	SCHEDULED, IN_PROGRESS, COMPLETED, DISCONTINUED, CANCELLED;

	/** Whether nothing more will happen to it. */
	public boolean ended() {
		return this == COMPLETED || this == DISCONTINUED || this == CANCELLED;
	}

}
