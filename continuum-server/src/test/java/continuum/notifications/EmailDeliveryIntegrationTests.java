package continuum.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import continuum.patients.PatientId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * E-mail against a real SMTP server (GreenMail, in process): each message arrives once,
 * in the patient's language, with the outbox key as its Message-ID; patients who cannot
 * be reached are recorded as undeliverable, not silently skipped.
 */
class EmailDeliveryIntegrationTests extends NotificationPeers {

	private static final Instant START = Instant.parse("2026-12-02T13:30:00Z");

	private static List<MimeMessage> receivedBy(String address) {
		return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
			try {
				return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
					.anyMatch(a -> a.toString().equals(address));
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private MimeMessage deliveredOnce(String address, NotificationMessage queued) throws Exception {
		await().atMost(Duration.ofSeconds(20)).until(() -> message(queued.id()).status() == DeliveryStatus.SENT);
		// Several poll intervals later, still exactly one copy.
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> receivedBy(address).size() == 1);
		return receivedBy(address).get(0);
	}

	@Test
	void deliversOnceInThePatientsLanguageWithTheKeyAsMessageId() throws Exception {
		String french = uniqueEmail("fr");
		String dutch = uniqueEmail("nl");
		String english = uniqueEmail("en");
		NotificationMessage toFrench = notifyCommitted(booked(patient(french, null, "fr"), START, "Cardiologie"))
			.get(0);
		NotificationMessage toDutch = notifyCommitted(booked(patient(dutch, null, "nl-BE"), START, "Cardiologie"))
			.get(0);
		NotificationMessage toEnglish = notifyCommitted(booked(patient(english, null, "en"), START, "Cardiology"))
			.get(0);
		assertThat(List.of(toFrench, toDutch, toEnglish)).allSatisfy(m -> {
			assertThat(m.channel()).isEqualTo(DeliveryChannel.EMAIL);
			assertThat(m.status()).isIn(DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.SENT);
		});

		MimeMessage fr = deliveredOnce(french, toFrench);
		assertThat(fr.getSubject()).isEqualTo("Votre rendez-vous du mercredi 2 décembre 2026 à 14:30");
		assertThat((String) fr.getContent())
			.contains("Votre rendez-vous est confirmé le mercredi 2 décembre 2026 à " + "14:30 (Cardiologie, Room 2)");
		assertThat(fr.getMessageID()).isEqualTo("<" + toFrench.idempotencyKey() + "@continuum.continuum.test>");
		assertThat(fr.getFrom()[0].toString()).isEqualTo("afspraken@continuum.test");

		MimeMessage nl = deliveredOnce(dutch, toDutch);
		assertThat(nl.getSubject()).isEqualTo("Uw afspraak op woensdag 2 december 2026 om 14:30");
		assertThat((String) nl.getContent()).contains("Uw afspraak is bevestigd op woensdag 2 december 2026 om 14:30");
		assertThat(nl.getMessageID()).startsWith("<" + toDutch.idempotencyKey() + "@continuum.");

		MimeMessage en = deliveredOnce(english, toEnglish);
		assertThat(en.getSubject()).isEqualTo("Your appointment on Wednesday 2 December 2026 at 14:30");
		assertThat((String) en.getContent()).contains(
				"Your appointment is confirmed for Wednesday 2 December 2026 at " + "14:30 at Cardiology, Room 2.");
		assertThat(en.getMessageID()).startsWith("<" + toEnglish.idempotencyKey() + "@continuum.");

		NotificationMessage sent = message(toFrench.id());
		assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(sent.attempts()).isEqualTo(1);
		assertThat(sent.sentAt()).isNotNull();
		assertThat(sent.language()).isEqualTo("fr");
		assertThat(message(toDutch.id()).language()).isEqualTo("nl");
	}

	@Test
	void aPatientWithEmailAndPhoneGetsBoth() {
		String email = uniqueEmail("both");
		String phone = uniquePhone();
		PatientId patient = patient(email, phone, "nl");
		List<NotificationMessage> queued = notifyCommitted(
				new PatientNotification(patient, NotificationKind.APPOINTMENT_CANCELLED, "Appointment/9", START, null,
						null, "Radiologie", null, "toestel defect"));
		assertThat(queued).extracting(NotificationMessage::channel)
			.containsExactlyInAnyOrder(DeliveryChannel.EMAIL, DeliveryChannel.SMS);
		assertThat(queued).extracting(NotificationMessage::idempotencyKey).doesNotHaveDuplicates();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> notifications.messagesFor(patient).stream().allMatch(m -> m.status() == DeliveryStatus.SENT));
		assertThat(receivedBy(email)).hasSize(1);
		assertThat(SMS.requestsTo(phone)).singleElement()
			.satisfies(r -> assertThat(r.text()).contains("geannuleerd (toestel defect)"));
	}

	@Test
	void aPatientWhoCannotBeReachedIsRecordedAsUndeliverable() {
		PatientId unreachable = patient(null, null, "fr");
		List<NotificationMessage> queued = notifyCommitted(booked(unreachable, START, "Cardiologie"));
		assertThat(queued).singleElement().satisfies(m -> {
			assertThat(m.status()).isEqualTo(DeliveryStatus.UNDELIVERABLE);
			assertThat(m.lastError()).isEqualTo("no-contact");
			assertThat(m.channel()).isNull();
			assertThat(m.attempts()).isZero();
		});
		String email = uniqueEmail("deceased");
		PatientId deceased = patient(email, null, "nl", true);
		assertThat(notifyCommitted(booked(deceased, START, "Cardiologie"))).singleElement()
			.satisfies(m -> assertThat(m.lastError()).isEqualTo("deceased"));
		assertThat(notifications.messagesFor(unreachable)).extracting(NotificationMessage::status)
			.containsExactly(DeliveryStatus.UNDELIVERABLE);
		await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> receivedBy(email).isEmpty());
	}

}
