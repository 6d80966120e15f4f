package continuum.notifications;

/**
 * What a message tells the patient; each kind has its subject and texts in the message
 * bundles ({@code notifications/messages_*.properties}, keys {@code <kind>.subject},
 * {@code <kind>.email}, {@code <kind>.sms}). Add a kind together with its texts.
 */
public enum NotificationKind {

	APPOINTMENT_BOOKED, APPOINTMENT_REMINDER, APPOINTMENT_RESCHEDULED, APPOINTMENT_CANCELLED,

	/**
	 * A reschedule because the hospital's systems were down: the same facts as
	 * {@link #APPOINTMENT_RESCHEDULED}, and the reason, so that the patient knows.
	 */
	APPOINTMENT_RESCHEDULED_AFTER_OUTAGE;

	/**
	 * Whether the kind moves an appointment, so that its texts quote the previous start.
	 */
	public boolean movesAppointment() {
		return this == APPOINTMENT_RESCHEDULED || this == APPOINTMENT_RESCHEDULED_AFTER_OUTAGE;
	}

}
