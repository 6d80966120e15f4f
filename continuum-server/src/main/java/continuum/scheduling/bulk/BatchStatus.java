package continuum.scheduling.bulk;

/**
 * Where a bulk rescheduling stands: its proposals are being made, wait for the
 * scheduler's review, are being rebooked, or all items reached a final state.
 */
public enum BatchStatus {

	PROPOSING, REVIEW, EXECUTING, DONE

}
