package continuum.scheduling;

import java.util.List;

/** One page of appointment versions, newest first, and how many match in all. */
public record AppointmentHistory(List<Appointment> versions, int total) {

	public AppointmentHistory {
		versions = List.copyOf(versions);
	}

}
