package continuum.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.patients.Patient;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.security.AccessControl;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The notifications module's entry point. {@link #notify} runs inside the caller's
 * transaction and only writes the outbox: the messages exist if and only if the caller's
 * change commits, and are delivered after the commit by the dispatcher. One message per
 * channel the patient can be reached on (e-mail, SMS); a patient who cannot be reached
 * gets one {@code undeliverable} row, so that someone knows to phone.
 */
@Service
public class NotificationService {

	static final String COMMUNICATION = "Communication";

	private final NotificationRepository outbox;

	private final PatientService patients;

	private final AccessControl access;

	private final AuditService audit;

	private final Clock clock;

	private final NotificationsSettings settings;

	private final MessageRenderer renderer;

	private final List<Channel> channels;

	private final NotificationDispatcher dispatcher;

	private final CurrentUser currentUser;

	NotificationService(NotificationRepository outbox, PatientService patients, AccessControl access,
			AuditService audit, Clock clock, NotificationsSettings settings, List<Channel> channels,
			NotificationDispatcher dispatcher, CurrentUser currentUser) {
		this.currentUser = currentUser;
		this.outbox = outbox;
		this.patients = patients;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
		this.settings = settings;
		this.renderer = new MessageRenderer(settings.defaultLanguage(), settings.zone());
		this.channels = List.copyOf(channels);
		this.dispatcher = dispatcher;
	}

	/**
	 * Queues the messages for this notification in the caller's transaction, rendered now
	 * in the patient's language. The patient's contact data is read through
	 * {@link PatientService#get} by the system (audited as such), so that a booking never
	 * fails on the booker's right to read demographics; the caller is audited as the
	 * creator of each message. A merged duplicate's messages go to (and are filed under)
	 * its survivor. Answers the messages queued, with their status.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<NotificationMessage> notify(PatientNotification notification) {
		Patient patient = currentUser.asServer(() -> patients.get(notification.patient()));
		Instant now = clock.instant();
		String language = renderer.languageFor(patient.data().language());
		List<NotificationRepository.NewMessage> messages = new ArrayList<>();
		if (patient.deceased()) {
			messages.add(undeliverable(patient, notification, language, "deceased"));
		}
		else {
			for (Channel channel : channels) {
				String recipient = recipient(patient, channel.type());
				if (recipient != null) {
					messages.add(message(patient, notification, channel, recipient, language));
				}
			}
			if (messages.isEmpty()) {
				messages.add(undeliverable(patient, notification, language, "no-contact"));
			}
		}
		List<Long> ids = new ArrayList<>();
		for (NotificationRepository.NewMessage message : messages) {
			long id = outbox.insert(message, now);
			ids.add(id);
			audit.record(new AuditEntry(AuditAction.CREATE, COMMUNICATION, Long.toString(id), patient.id().asString(),
					AuditOutcome.SUCCESS,
					notification.kind().name() + " by "
							+ (message.channel() == null ? "none" : message.channel().code()) + ", "
							+ message.status().code()));
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					dispatcher.wake();
				}
			});
		}
		return outbox.byIds(ids);
	}

	/**
	 * Every message queued for the patient (or its survivor), newest first, with its
	 * delivery status; for whoever may read the patient, audited as a search.
	 */
	@Transactional
	public List<NotificationMessage> messagesFor(PatientId patientId) {
		access.require("Patient", Interaction.READ, patientId.asString(), patientId.asString());
		PatientId id = patients.summary(patientId).id();
		List<NotificationMessage> found = outbox.forPatient(id);
		audit.record(new AuditEntry(AuditAction.SEARCH, COMMUNICATION, null, id.asString(), AuditOutcome.SUCCESS,
				found.size() + " messages"));
		return found;
	}

	/**
	 * The messages queued in {@code [from, to)} that had not gone out by {@code to} (sent
	 * later, still waiting, or given up), oldest first, at most {@code limit}: what an
	 * outage in that window delayed. For whoever may search patients; audited as a search
	 * per patient.
	 */
	@Transactional
	public List<NotificationMessage> notSentBy(Instant from, Instant to, int limit) {
		access.require("Patient", Interaction.SEARCH, null, null);
		List<NotificationMessage> found = outbox.notSentBy(from, to, Math.max(0, limit));
		audit.recordAll(found.stream()
			.map(NotificationMessage::patient)
			.distinct()
			.map(p -> new AuditEntry(AuditAction.SEARCH, COMMUNICATION, null, p.asString(), AuditOutcome.SUCCESS,
					"messages not sent in an outage window"))
			.toList());
		return found;
	}

	/** The gateways messages are sent through, as configured (no credentials). */
	public NotificationGateways gateways() {
		return new NotificationGateways(settings.smtp().configured() ? settings.smtp().host().strip() : null,
				settings.smtp().port(), settings.sms().configured() ? settings.sms().url() : null);
	}

	/**
	 * The outbox's depth: messages not yet in a final state (pending, being sent, or
	 * failed and due again). A count, no patient data: anyone may ask.
	 */
	@Transactional(readOnly = true)
	public long outboxDepth() {
		return outbox.countUndelivered();
	}

	/**
	 * How long before an appointment its reminder is due
	 * ({@code continuum.notifications.reminder-lead}, default 24 hours); the scheduler
	 * sends reminders by it.
	 */
	public Duration reminderLead() {
		return settings.reminderLead();
	}

	private NotificationRepository.NewMessage message(Patient patient, PatientNotification notification,
			Channel channel, String recipient, String language) {
		MessageRenderer.Rendered text = renderer.render(notification, channel.type(), language);
		boolean configured = channel.configured();
		return new NotificationRepository.NewMessage(UUID.randomUUID(), patient.id().value(), channel.type(), recipient,
				language, notification.kind(), notification.reference(),
				channel.type() == DeliveryChannel.EMAIL ? text.subject() : null, text.body(),
				configured ? DeliveryStatus.PENDING : DeliveryStatus.UNDELIVERABLE,
				configured ? null : "channel-not-configured");
	}

	private static NotificationRepository.NewMessage undeliverable(Patient patient, PatientNotification notification,
			String language, String reason) {
		return new NotificationRepository.NewMessage(UUID.randomUUID(), patient.id().value(), null, null, language,
				notification.kind(), notification.reference(), null, null, DeliveryStatus.UNDELIVERABLE, reason);
	}

	private static @Nullable String recipient(Patient patient, DeliveryChannel channel) {
		return channel == DeliveryChannel.EMAIL ? patient.data().email() : patient.data().phone();
	}

}
