package continuum.notifications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import continuum.ContinuumIntegrationTest;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application wired to real peers: an in-process SMTP server (GreenMail) and a local
 * SMS gateway, both on loopback and ephemeral ports, with short backoff and lease. Every
 * test class extending this shares one application context (the one extra context of the
 * notification tests) and the same two peers, so each test uses its own patients,
 * addresses and numbers.
 */
@ContinuumIntegrationTest
abstract class NotificationPeers {

	static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

	static final SmsGatewayStub SMS;

	static final Duration BACKOFF_BASE = Duration.ofMillis(200);

	static final int MAX_ATTEMPTS = 3;

	static final Duration POLL_INTERVAL = Duration.ofSeconds(10);

	private static final AtomicInteger numbers = new AtomicInteger();

	static {
		SMTP.start();
		try {
			SMS = new SmsGatewayStub();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			SMS.close();
			SMTP.stop();
		}));
	}

	@DynamicPropertySource
	static void peers(DynamicPropertyRegistry registry) {
		registry.add("continuum.notifications.smtp.host", () -> "127.0.0.1");
		registry.add("continuum.notifications.smtp.port", () -> SMTP.getSmtp().getPort());
		registry.add("continuum.notifications.smtp.from", () -> "afspraken@continuum.test");
		registry.add("continuum.notifications.smtp.timeout", () -> "2s");
		registry.add("continuum.notifications.sms.url", () -> SMS.url().toString());
		registry.add("continuum.notifications.sms.allow-plain-http", () -> "true");
		registry.add("continuum.notifications.sms.timeout", () -> "2s");
		registry.add("continuum.notifications.lease", () -> "10s");
		registry.add("continuum.notifications.backoff-base", () -> BACKOFF_BASE.toMillis() + "ms");
		registry.add("continuum.notifications.backoff-max", () -> "1s");
		registry.add("continuum.notifications.max-attempts", () -> MAX_ATTEMPTS);
		// Long on purpose: new messages and retries must not wait for the poll.
		registry.add("continuum.notifications.poll-interval", () -> POLL_INTERVAL.toMillis() + "ms");
		// The demo's reminders would otherwise be queued a minute after the context
		// starts, to the same peers, in the
		// middle of whichever test runs then (one that counts gateway requests or scripts
		// the gateway's answers).
		registry.add("continuum.scheduling.reminder-initial-delay", () -> "1d");
	}

	@Autowired
	NotificationService notifications;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	/** A phone number no other test uses. */
	static String uniquePhone() {
		return "+3247" + String.format("%07d",
				(ProcessHandle.current().pid() * 1000 + numbers.incrementAndGet()) % 10_000_000);
	}

	static String uniqueEmail(String prefix) {
		return prefix + "-" + numbers.incrementAndGet() + "-" + System.nanoTime() + "@patients.test";
	}

	PatientId patient(@Nullable String email, @Nullable String phone, @Nullable String language) {
		return patient(email, phone, language, false);
	}

	PatientId patient(@Nullable String email, @Nullable String phone, @Nullable String language, boolean deceased) {
		PatientData data = new PatientData(List.of(), "Notifyer", List.of("Test"), null, LocalDate.of(1970, 1, 1),
				Gender.UNKNOWN, Address.NONE, phone, email, language, deceased);
		return patients.register(data).id();
	}

	/** Notifies in a transaction of its own, committed. */
	List<NotificationMessage> notifyCommitted(PatientNotification notification) {
		return transaction.execute(status -> notifications.notify(notification));
	}

	static PatientNotification booked(PatientId patient, Instant start, String department) {
		return PatientNotification.of(patient, NotificationKind.APPOINTMENT_BOOKED, "Appointment/" + patient, start,
				"Room 2", department);
	}

	NotificationMessage message(long id) {
		return transaction.execute(status -> notifications.messagesFor(patientOf(id)))
			.stream()
			.filter(m -> m.id() == id)
			.findFirst()
			.orElseThrow();
	}

	private PatientId patientOf(long id) {
		return new PatientId(jdbc.sql("select patient_id from notification_outbox where id = ?")
			.param(id)
			.query(Long.class)
			.single());
	}

}
