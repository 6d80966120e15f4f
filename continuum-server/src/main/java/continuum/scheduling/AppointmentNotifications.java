package continuum.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import continuum.notifications.NotificationKind;
import continuum.notifications.NotificationService;
import continuum.notifications.PatientNotification;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the patient about a booking, a rescheduling or a cancellation, in the patient's
 * language, through the notifications outbox.
 * <p>
 * Synchronous on purpose (a reaction of this module, not another's): the message must
 * commit or roll back with the appointment change, and the notifications outbox that
 * {@link NotificationService#notify} writes in that transaction is already the durable,
 * retried step. A rescheduling publishes only {@link AppointmentRescheduled} (never
 * {@link AppointmentCancelled} for the old appointment), so the patient gets one message
 * with the old and the new time.
 */
@Component
class AppointmentNotifications {

	private final NotificationService notifications;

	private final AppointmentRepository appointments;

	private final ScheduleRepository schedules;

	AppointmentNotifications(NotificationService notifications, AppointmentRepository appointments,
			ScheduleRepository schedules) {
		this.notifications = notifications;
		this.appointments = appointments;
		this.schedules = schedules;
	}

	@EventListener
	void on(AppointmentBooked event) {
		notifications.notify(notification(event.appointment(), NotificationKind.APPOINTMENT_BOOKED, null, null));
	}

	@EventListener
	void on(AppointmentRescheduled event) {
		Instant previousStart = appointments.find(event.previous())
			.orElseThrow(() -> new AppointmentNotFoundException(event.previous()))
			.start();
		NotificationKind kind = event.cause() == RescheduleCause.TECHNICAL_OUTAGE
				? NotificationKind.APPOINTMENT_RESCHEDULED_AFTER_OUTAGE : NotificationKind.APPOINTMENT_RESCHEDULED;
		notifications.notify(notification(event.replacement(), kind, previousStart, null));
	}

	@EventListener
	void on(AppointmentCancelled event) {
		AppointmentRepository.Row row = appointments.find(event.appointment())
			.orElseThrow(() -> new AppointmentNotFoundException(event.appointment()));
		String reason = row.cancellation() == null ? null : row.cancellation().reason();
		notifications.notify(notification(event.appointment(), NotificationKind.APPOINTMENT_CANCELLED, null, reason));
	}

	/**
	 * The notification for one appointment: its start, the department of its first
	 * resource and the names of the places and devices it holds (or the practitioner's
	 * when it holds no place). Also used by {@link ReminderJob}.
	 */
	PatientNotification notification(AppointmentId id, NotificationKind kind, @Nullable Instant previousStart,
			@Nullable String reason) {
		AppointmentRepository.Row row = appointments.find(id).orElseThrow(() -> new AppointmentNotFoundException(id));
		List<Appointment.Participant> participants = appointments.participants(List.of(id)).getOrDefault(id, List.of());
		String department = participants.stream()
			.findFirst()
			.flatMap(p -> schedules.find(p.schedule()))
			.map(Schedule::department)
			.orElse(null);
		String places = participants.stream()
			.filter(p -> p.kind() != ActorKind.PRACTITIONER)
			.map(Appointment.Participant::actorName)
			.collect(Collectors.joining(", "));
		if (places.isEmpty()) {
			places = participants.stream().map(Appointment.Participant::actorName).collect(Collectors.joining(", "));
		}
		return new PatientNotification(row.patient(), kind, "Appointment/" + id.asString(), row.start(), null, places,
				department, previousStart, reason);
	}

}
