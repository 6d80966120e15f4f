package continuum.notifications;

import java.time.Instant;
import java.time.ZoneId;

import continuum.patients.PatientId;
import continuum.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each kind renders in French, Dutch and English with the date in the language's
 * conventions and Brussels time (13:30 UTC on 2 December is 14:30 in Brussels).
 */
class MessageRendererTests {

	private static final Instant START = Instant.parse("2026-12-02T13:30:00Z");

	private static final Instant BEFORE = Instant.parse("2026-11-30T08:15:00Z");

	private final MessageRenderer renderer = new MessageRenderer("nl", ZoneId.of("Europe/Brussels"));

	private static PatientNotification notification(NotificationKind kind) {
		return new PatientNotification(new PatientId(1), kind, "Appointment/7", START, null, "Consultation room 3",
				"Cardiology", BEFORE, "doctor ill");
	}

	@Test
	void confirmsInFrenchDutchAndEnglish() {
		var fr = renderer.render(notification(NotificationKind.APPOINTMENT_BOOKED), DeliveryChannel.EMAIL, "fr");
		assertThat(fr.subject()).isEqualTo("Votre rendez-vous du mercredi 2 décembre 2026 à 14:30");
		assertThat(fr.body())
			.contains("est confirmé le mercredi 2 décembre 2026 à 14:30 (Cardiology, " + "Consultation room 3)");
		var nl = renderer.render(notification(NotificationKind.APPOINTMENT_BOOKED), DeliveryChannel.EMAIL, "nl");
		assertThat(nl.subject()).isEqualTo("Uw afspraak op woensdag 2 december 2026 om 14:30");
		assertThat(nl.body()).contains("Beste patiënt").contains("bevestigd");
		var en = renderer.render(notification(NotificationKind.APPOINTMENT_BOOKED), DeliveryChannel.SMS, "en");
		assertThat(en.body()).isEqualTo("Continuum Hospital: your appointment is confirmed for Wednesday 2 December "
				+ "2026 at 14:30 at Cardiology, Consultation room 3.");
	}

	@Test
	void reminderRescheduleAndCancellationQuoteTheirFacts() {
		assertThat(
				renderer.render(notification(NotificationKind.APPOINTMENT_REMINDER), DeliveryChannel.SMS, "nl").body())
			.startsWith("Herinnering Ziekenhuis Continuum: uw afspraak is op woensdag 2 december 2026 om 14:30");
		assertThat(renderer.render(notification(NotificationKind.APPOINTMENT_RESCHEDULED), DeliveryChannel.EMAIL, "fr")
			.body())
			.contains("Votre rendez-vous du lundi 30 novembre 2026 à 09:15 est déplacé au mercredi 2 décembre "
					+ "2026 à 14:30");
		assertThat(
				renderer.render(notification(NotificationKind.APPOINTMENT_CANCELLED), DeliveryChannel.SMS, "en").body())
			.contains("has been cancelled (doctor ill)");
	}

	@Test
	void aMoveAfterAnOutageSaysSoInEachLanguage() {
		NotificationKind kind = NotificationKind.APPOINTMENT_RESCHEDULED_AFTER_OUTAGE;
		var fr = renderer.render(notification(kind), DeliveryChannel.EMAIL, "fr");
		assertThat(fr.subject()).contains("panne informatique");
		assertThat(fr.body()).contains("En raison d’une panne technique des systèmes informatiques de l’hôpital")
			.contains("lundi 30 novembre 2026 à 09:15 est déplacé au mercredi 2 décembre 2026 à 14:30");
		assertThat(renderer.render(notification(kind), DeliveryChannel.SMS, "nl").body())
			.startsWith("Ziekenhuis Continuum: door een technische storing is uw afspraak van maandag 30 november 2026")
			.contains("verplaatst naar woensdag 2 december 2026 om 14:30");
		assertThat(renderer.render(notification(kind), DeliveryChannel.EMAIL, "en").body())
			.contains("Because of a technical outage of the hospital’s computer systems, your appointment of");
	}

	@Test
	void aMoveAfterAnOutageNeedsThePreviousTimeToo() {
		assertThatThrownBy(
				() -> new PatientNotification(new PatientId(1), NotificationKind.APPOINTMENT_RESCHEDULED_AFTER_OUTAGE,
						"Appointment/7", START, null, null, null, null, null))
			.isInstanceOf(InvalidInputException.class);
	}

	@Test
	void fillsInAMissingPlaceAndReasonInTheLanguage() {
		var cancelled = new PatientNotification(new PatientId(1), NotificationKind.APPOINTMENT_CANCELLED,
				"Appointment/7", START, null, null, null, null, null);
		assertThat(renderer.render(cancelled, DeliveryChannel.SMS, "fr").body())
			.isEqualTo("Hôpital Continuum : votre rendez-vous du mercredi 2 décembre 2026 à 14:30 (l’hôpital) est "
					+ "annulé (sans motif précisé).");
	}

	@Test
	void writesInThePatientsLanguageOrTheDefault() {
		assertThat(renderer.languageFor("nl-BE")).isEqualTo("nl");
		assertThat(renderer.languageFor("fr")).isEqualTo("fr");
		assertThat(renderer.languageFor("en")).isEqualTo("en");
		assertThat(renderer.languageFor("de")).isEqualTo("nl");
		assertThat(renderer.languageFor(null)).isEqualTo("nl");
	}

	@Test
	void aRescheduleNeedsThePreviousTime() {
		assertThatThrownBy(() -> new PatientNotification(new PatientId(1), NotificationKind.APPOINTMENT_RESCHEDULED,
				"Appointment/7", START, null, null, null, null, null))
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("A reschedule notification needs the previous start time");
	}

}
