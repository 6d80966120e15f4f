package continuum.notifications;

/**
 * What a message tells the patient; each kind has its subject and texts in the message
 * bundles ({@code notifications/messages_*.properties}, keys {@code <kind>.subject},
 * {@code <kind>.email}, {@code <kind>.sms}). Add a kind together with its texts.
 */
public enum NotificationKind {

	APPOINTMENT_BOOKED, APPOINTMENT_REMINDER, APPOINTMENT_RESCHEDULED, APPOINTMENT_CANCELLED

}
