package continuum.scheduling.bulk;

/** Which appointments a bulk rescheduling selects in its window. */
public enum RescheduleScope {

	/**
	 * Those holding a slot of one schedule (a device that broke, a physician who is ill).
	 */
	RESOURCE,

	/** Those holding a slot of any schedule of one department. */
	DEPARTMENT,

	/** Every appointment of the hospital (the system was down). */
	ALL

}
