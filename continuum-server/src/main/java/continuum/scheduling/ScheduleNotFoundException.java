package continuum.scheduling;

import continuum.platform.NotFoundException;

/** Thrown when no schedule has the given id. */
public class ScheduleNotFoundException extends NotFoundException {

	public ScheduleNotFoundException(ScheduleId id) {
		super("No schedule with id " + id);
	}

	/** No such kept version of the schedule. */
	public ScheduleNotFoundException(ScheduleId id, int version) {
		super("No version " + version + " of schedule " + id + " is kept");
	}

}
