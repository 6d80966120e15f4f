package continuum.scheduling;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which patients have appointments with a member of staff or their department, for
 * deciding who may open a restricted record. Not audited and not checked: it answers the
 * decision and is never shown; it returns ids only.
 */
@Service
public class CareAppointments {

	private final AppointmentRepository appointments;

	CareAppointments(AppointmentRepository appointments) {
		this.appointments = appointments;
	}

	/**
	 * The patients among {@code patientIds} with an appointment, not cancelled and ending
	 * at or after {@code since}, on a schedule whose resource is {@code actorReference}
	 * (such as {@code Practitioner/12}) or which belongs to {@code department}.
	 */
	@Transactional(readOnly = true)
	public Set<Long> withAppointments(Collection<Long> patientIds, @Nullable String actorReference,
			@Nullable String department, Instant since) {
		if (patientIds.isEmpty() || actorReference == null && department == null) {
			return Set.of();
		}
		return appointments.withAppointments(patientIds, actorReference, department, since);
	}

}
