package continuum.scheduling;

import java.time.Instant;
import java.util.Set;

import continuum.fhir.SearchControls;
import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Criteria of an appointment search; each one set must match. {@code actor} is a FHIR
 * reference of a schedule's resource ({@code Location/room-3}); {@code schedule} and
 * {@code department} match appointments holding a slot of that schedule or department;
 * {@code from}/{@code to} match appointments starting in {@code [from, to)};
 * {@code controls} carry the parameters every FHIR type has.
 */
public record AppointmentQuery(@Nullable PatientId patient, @Nullable ScheduleId schedule, @Nullable String actor,
		@Nullable String department, Set<AppointmentStatus> statuses, @Nullable Instant from, @Nullable Instant to,
		SearchControls controls) {

	public AppointmentQuery(@Nullable PatientId patient, @Nullable ScheduleId schedule, @Nullable String actor,
			@Nullable String department, Set<AppointmentStatus> statuses, @Nullable Instant from,
			@Nullable Instant to) {
		this(patient, schedule, actor, department, statuses, from, to, SearchControls.NONE);
	}

	/** The same search with other common controls. */
	public AppointmentQuery withControls(SearchControls newControls) {
		return new AppointmentQuery(patient, schedule, actor, department, statuses, from, to, newControls);
	}

	public AppointmentQuery {
		statuses = Set.copyOf(statuses);
	}

	public static AppointmentQuery ofPatient(PatientId patient) {
		return new AppointmentQuery(patient, null, null, null, Set.of(), null, null);
	}

	/** Appointments starting in a window, of one schedule, or all when it is null. */
	public static AppointmentQuery inWindow(@Nullable ScheduleId schedule, Instant from, Instant to) {
		return new AppointmentQuery(null, schedule, null, null, Set.of(), from, to);
	}

	/** Appointments of a department starting in a window. */
	public static AppointmentQuery inDepartment(String department, Instant from, Instant to) {
		return new AppointmentQuery(null, null, null, department, Set.of(), from, to);
	}

	public AppointmentQuery withStatuses(Set<AppointmentStatus> values) {
		return new AppointmentQuery(patient, schedule, actor, department, values, from, to, controls);
	}

}
