package continuum.notifications;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import continuum.platform.ServerProcess;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole server killed (SIGKILL, with its database) while an SMS gateway and a mail
 * server hold a message each without answering: after the restart both are claimed again
 * once their lease has expired and sent with the same idempotency key (the gateway's
 * request id, the e-mail Message-ID), so the peers can drop the duplicate; each ends with
 * exactly one {@code sent} row.
 */
class NotificationKillTests {

	@TempDir
	Path temp;

	/**
	 * Queues a message the way {@link NotificationService#notify} stores it, so that the
	 * test controls exactly which messages are queued.
	 */
	private static void queue(Connection db, UUID key, String channel, String recipient) throws Exception {
		try (PreparedStatement insert = db.prepareStatement("""
				insert into notification_outbox (idempotency_key, patient_id, channel, recipient, language, kind,
				                                 reference, subject, body, status, next_attempt_at, created_at,
				                                 updated_at)
				values (?, (select min(id) from patient), ?, ?, 'nl', 'APPOINTMENT_BOOKED', 'Appointment/1',
				        'Uw afspraak', 'Uw afspraak is bevestigd.', 'pending', now(), now(), now())""")) {
			insert.setObject(1, key);
			insert.setString(2, channel);
			insert.setString(3, recipient);
			insert.executeUpdate();
		}
	}

	private static Map<String, Object> row(Connection db, UUID key) throws Exception {
		try (PreparedStatement select = db
			.prepareStatement("select status, attempts from notification_outbox where idempotency_key = ?")) {
			select.setObject(1, key);
			ResultSet rs = select.executeQuery();
			assertThat(rs.next()).isTrue();
			return Map.of("status", rs.getString(1), "attempts", rs.getInt(2));
		}
	}

	@Test
	void aMessageCutOffByAKillIsSentAgainAfterRestartWithTheSameKey() throws Exception {
		Path data = temp.resolve("data");
		UUID smsKey = UUID.randomUUID();
		UUID emailKey = UUID.randomUUID();
		GreenMail mailSystem = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
		mailSystem.start();
		try (SmsGatewayStub gateway = new SmsGatewayStub(); HangingSmtpServer hangingSmtp = new HangingSmtpServer()) {
			Map<String, String> environment = new HashMap<>(Map.of("CONTINUUM_NOTIFICATIONS_SMS_URL",
					gateway.url().toString(), "CONTINUUM_NOTIFICATIONS_SMTP_HOST", "127.0.0.1",
					"CONTINUUM_NOTIFICATIONS_SMTP_PORT", Integer.toString(hangingSmtp.port()),
					"CONTINUUM_NOTIFICATIONS_SMS_TIMEOUT", "5s", "CONTINUUM_NOTIFICATIONS_SMTP_TIMEOUT", "5s",
					"CONTINUUM_NOTIFICATIONS_LEASE", "20s", "CONTINUUM_NOTIFICATIONS_POLL_INTERVAL", "300ms",
					"CONTINUUM_NOTIFICATIONS_BATCH_SIZE", "1"));
			environment.put("CONTINUUM_NOTIFICATIONS_SMS_ALLOWPLAINHTTP", "true");
			gateway.hangAll(true);
			try (ServerProcess server = ServerProcess.start(data, environment)) {
				long postgres = ServerProcess.postmasterPid(data);
				try (Connection db = ServerProcess.connect(data)) {
					queue(db, smsKey, "sms", "+32470999001");
					queue(db, emailKey, "email", "kill-test@patients.test");
				}
				// Both peers hold their message unanswered: kill the server and its
				// database now.
				await().atMost(Duration.ofSeconds(30))
					.until(() -> gateway.requests().size() == 1 && hangingSmtp.messageIds().size() == 1);
				server.killHard(postgres);
			}
			assertThat(gateway.requests()).singleElement()
				.satisfies(r -> assertThat(r.idempotencyKey()).isEqualTo(smsKey.toString()));
			String firstMessageId = hangingSmtp.messageIds().get(0);
			assertThat(firstMessageId).startsWith("<" + emailKey + "@continuum.");

			// Restart: the gateway answers now, and mail goes to a mail system that
			// accepts it.
			gateway.hangAll(false);
			environment.put("CONTINUUM_NOTIFICATIONS_SMTP_PORT", Integer.toString(mailSystem.getSmtp().getPort()));
			try (ServerProcess restarted = ServerProcess.start(data, environment);
					Connection db = ServerProcess.connect(data)) {
				await().atMost(Duration.ofSeconds(90))
					.until(() -> "sent".equals(row(db, smsKey).get("status"))
							&& "sent".equals(row(db, emailKey).get("status")));
				assertThat(row(db, smsKey)).containsEntry("attempts", 2);
				assertThat(row(db, emailKey)).containsEntry("attempts", 2);
				assertThat(restarted.log()).doesNotContain("+32470999001").doesNotContain("kill-test@patients.test");
				try (PreparedStatement sent = db.prepareStatement(
						"select count(*) from notification_outbox where idempotency_key in (?, ?) and status = 'sent'")) {
					sent.setObject(1, smsKey);
					sent.setObject(2, emailKey);
					ResultSet rs = sent.executeQuery();
					rs.next();
					assertThat(rs.getInt(1)).isEqualTo(2);
				}
			}
			assertThat(gateway.requests()).extracting(SmsGatewayStub.Request::idempotencyKey)
				.containsExactly(smsKey.toString(), smsKey.toString());
			assertThat(gateway.requests()).extracting(SmsGatewayStub.Request::requestId)
				.containsOnly(smsKey.toString());
			MimeMessage[] received = mailSystem.getReceivedMessages();
			assertThat(received).hasSize(1);
			assertThat(received[0].getMessageID()).isEqualTo(firstMessageId);
		}
		finally {
			mailSystem.stop();
		}
	}

}
