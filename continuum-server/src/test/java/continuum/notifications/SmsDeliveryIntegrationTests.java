package continuum.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import continuum.patients.PatientId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SMS against a real local HTTP gateway: the key travels as header and request id, a 503
 * is retried after a backoff and the message goes out once, a 400 is final, attempts are
 * counted and bounded; a rolled-back notify leaves nothing; and no recipient or text
 * reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmsDeliveryIntegrationTests extends NotificationPeers {

	private static final Instant START = Instant.parse("2027-01-15T08:00:00Z");

	@Autowired
	NotificationDispatcher dispatcher;

	private NotificationMessage awaitFinal(NotificationMessage queued) {
		await().atMost(Duration.ofSeconds(20)).until(() -> message(queued.id()).status().isFinal());
		return message(queued.id());
	}

	@Test
	void deliversWithTheKeyAsHeaderAndRequestId() {
		String phone = uniquePhone();
		NotificationMessage queued = notifyCommitted(booked(patient(null, phone, "en"), START, "Dermatology")).get(0);
		assertThat(queued.channel()).isEqualTo(DeliveryChannel.SMS);
		NotificationMessage sent = awaitFinal(queued);
		assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(sent.attempts()).isEqualTo(1);
		assertThat(SMS.requestsTo(phone)).singleElement().satisfies(request -> {
			assertThat(request.idempotencyKey()).isEqualTo(queued.idempotencyKey().toString());
			assertThat(request.requestId()).isEqualTo(queued.idempotencyKey().toString());
			assertThat(request.text()).isEqualTo("Continuum Hospital: your appointment is confirmed for Friday 15 "
					+ "January 2027 at 09:00 at Dermatology, Room 2.");
		});
	}

	@Test
	void deliversAgainAfterTheDispatcherIsStoppedAndStarted() {
		dispatcher.stop();
		dispatcher.start();
		String phone = uniquePhone();
		NotificationMessage queued = notifyCommitted(booked(patient(null, phone, "en"), START, "Dermatology")).get(0);
		assertThat(awaitFinal(queued).status()).isEqualTo(DeliveryStatus.SENT);
	}

	@Test
	void deliversRightAfterCommitAndRetriesWhenDueNotAtThePoll() {
		// Each message goes out (and its retry after a 503) well within a poll interval;
		// three in a row cannot all be a poll's luck.
		for (int i = 0; i < 3; i++) {
			String phone = uniquePhone();
			SMS.script(phone, 503);
			NotificationMessage queued = notifyCommitted(booked(patient(null, phone, "nl"), START, "Dermatologie"))
				.get(0);
			await().atMost(POLL_INTERVAL.dividedBy(3))
				.until(() -> message(queued.id()).status() == DeliveryStatus.SENT);
			assertThat(SMS.requestsTo(phone)).hasSize(2);
		}
	}

	@Test
	void retriesAServiceUnavailableAfterABackoffAndDeliversOnce() {
		String phone = uniquePhone();
		SMS.script(phone, 503);
		NotificationMessage queued = notifyCommitted(booked(patient(null, phone, "nl"), START, "Dermatologie")).get(0);
		NotificationMessage sent = awaitFinal(queued);
		assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(sent.attempts()).isEqualTo(2);
		assertThat(sent.lastError()).isNull();
		await().during(Duration.ofMillis(800))
			.atMost(Duration.ofSeconds(3))
			.until(() -> SMS.requestsTo(phone).size() == 2);
		List<SmsGatewayStub.Request> requests = SMS.requestsTo(phone);
		assertThat(requests).extracting(SmsGatewayStub.Request::answered).containsExactly(503, 200);
		assertThat(requests).extracting(SmsGatewayStub.Request::idempotencyKey)
			.containsOnly(queued.idempotencyKey().toString());
		// Equal jitter: at least half the base delay before the first retry.
		assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
			.isGreaterThanOrEqualTo(BACKOFF_BASE.dividedBy(2));
	}

	@Test
	void aRefusalIsFinalAndNotRetried() {
		String phone = uniquePhone();
		SMS.script(phone, 400);
		NotificationMessage queued = notifyCommitted(booked(patient(null, phone, "fr"), START, "Dermatologie")).get(0);
		NotificationMessage dead = awaitFinal(queued);
		assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
		assertThat(dead.attempts()).isEqualTo(1);
		assertThat(dead.lastError()).isEqualTo("sms-http-400");
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> SMS.requestsTo(phone).size() == 1);
	}

	@Test
	void givesUpAfterTheLastAttempt() {
		String phone = uniquePhone();
		SMS.script(phone, 503, 502, 429, 429);
		NotificationMessage queued = notifyCommitted(booked(patient(null, phone, "fr"), START, "Dermatologie")).get(0);
		NotificationMessage dead = awaitFinal(queued);
		assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
		assertThat(dead.attempts()).isEqualTo(MAX_ATTEMPTS);
		assertThat(dead.lastError()).isEqualTo("sms-http-429");
		assertThat(SMS.requestsTo(phone)).extracting(SmsGatewayStub.Request::answered).containsExactly(503, 502, 429);
	}

	@Test
	void aRolledBackNotifyLeavesNoRowAndSendsNothing() {
		String phone = uniquePhone();
		PatientId patient = patient(null, phone, "nl");
		List<NotificationMessage> queued = transaction.execute(status -> {
			List<NotificationMessage> inside = notifications.notify(booked(patient, START, "Dermatologie"));
			status.setRollbackOnly();
			return inside;
		});
		assertThat(queued).hasSize(1);
		assertThat(jdbc.sql("select count(*) from notification_outbox where patient_id = ?")
			.param(patient.value())
			.query(Long.class)
			.single()).isZero();
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> SMS.requestsTo(phone).isEmpty());
	}

	@Test
	void notifyOutsideATransactionIsRefused() {
		PatientId patient = patient(null, uniquePhone(), "nl");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> notifications.notify(booked(patient, START, "X")))
			.isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
	}

	@Test
	void recipientsAndTextsStayOutOfTheLog(CapturedOutput output) {
		String refusedPhone = uniquePhone();
		String acceptedPhone = uniquePhone();
		String email = uniqueEmail("nolog");
		String department = "Qzwxlogcheckdepartment";
		SMS.script(refusedPhone, 503, 400);
		NotificationMessage refused = notifyCommitted(booked(patient(null, refusedPhone, "fr"), START, department))
			.get(0);
		List<NotificationMessage> accepted = notifyCommitted(
				booked(patient(email, acceptedPhone, "en"), START, department));
		assertThat(awaitFinal(refused).status()).isEqualTo(DeliveryStatus.DEAD);
		assertThat(accepted).allSatisfy(m -> assertThat(awaitFinal(m).status()).isEqualTo(DeliveryStatus.SENT));
		// GreenMail stands in for the patients' mail system and logs the mailboxes it
		// creates;
		// everything else in the captured output is Continuum's own.
		String continuumLog = output.getAll()
			.lines()
			.filter(line -> !line.contains("c.icegreen.greenmail"))
			.collect(java.util.stream.Collectors.joining("\n"));
		assertThat(continuumLog).contains("Notification " + refused.id() + " not sent by sms (attempt 1): sms-http-503")
			.contains("Notification " + accepted.get(0).id() + " sent by")
			.doesNotContain(refusedPhone)
			.doesNotContain(acceptedPhone)
			.doesNotContain(email)
			.doesNotContain(department)
			.doesNotContain("your appointment is confirmed");
	}

}
