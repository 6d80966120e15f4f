package continuum.continuity.impact;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import continuum.TestDates;
import continuum.continuity.Impact;
import continuum.continuity.Incident;
import continuum.continuity.IncidentKind;
import continuum.continuity.IncidentStatus;
import continuum.continuity.incidents.IncidentBook;
import continuum.notifications.NotificationKind;
import continuum.notifications.NotificationMessage;
import continuum.notifications.NotificationPeers;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.scheduling.ActorKind;
import continuum.scheduling.Appointment;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentStatus;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.BookingRequest;
import continuum.scheduling.NewSchedule;
import continuum.scheduling.Schedule;
import continuum.scheduling.ScheduleService;
import continuum.scheduling.Slot;
import continuum.scheduling.SlotQuery;
import continuum.scheduling.TemplateLine;
import continuum.scheduling.bulk.BatchStatus;
import continuum.scheduling.bulk.BulkRescheduleService;
import continuum.scheduling.bulk.RescheduleBatch;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An outage of scheduling from 08:30 to 12:00 on a Wednesday no other test uses: its
 * resolution computes the impact, which finds exactly the appointments booked in the
 * window and the arrival recorded after it; the no-show job spares the window's
 * appointments; handing them to bulk rescheduling moves each once and sends each patient
 * one e-mail saying it was a technical outage (received by a real SMTP server), and none
 * for the appointment outside the window.
 */
class ImpactIntegrationTests extends NotificationPeers {

	@Autowired
	IncidentBook incidents;

	@Autowired
	ImpactAnalysis analysis;

	@Autowired
	ImpactRescheduling rescheduling;

	@Autowired
	ScheduleService schedules;

	@Autowired
	AvailabilityService availability;

	@Autowired
	AppointmentService appointments;

	@Autowired
	BulkRescheduleService bulk;

	@Autowired
	continuum.scheduling.OutageWindows outageWindows;

	LocalDate day = TestDates.monday(66).plusDays(2);

	@Test
	void findsWhatTheOutageHitAndReschedulesEachPatientOnce() {
		List<Slot> slots = slots();
		PatientId[] inWindow = { patientWith("fr"), patientWith("nl") };
		PatientId arrived = patientWith("en");
		PatientId outside = patientWith("nl");
		Appointment first = as("SCHEDULER", () -> appointments.book(BookingRequest.of(inWindow[0], slot(slots, 9, 0))));
		Appointment second = as("SCHEDULER",
				() -> appointments.book(BookingRequest.of(inWindow[1], slot(slots, 10, 40))));
		Appointment came = as("SCHEDULER", () -> appointments.book(BookingRequest.of(arrived, slot(slots, 9, 20))));
		Appointment later = as("SCHEDULER", () -> appointments.book(BookingRequest.of(outside, slot(slots, 14, 0))));
		as("SCHEDULER", () -> appointments.checkIn(came.id(), null));
		Instant start = at(8, 30);
		Instant end = at(12, 0);
		jdbc.sql("""
				update sched_appointment_version set recorded_at = :after
				where appointment_id = :id and snapshot ->> 'status' = 'ARRIVED'""")
			.param("after", java.sql.Timestamp.from(end.plus(Duration.ofMinutes(20))))
			.param("id", came.id().value())
			.update();

		Incident incident = transaction.execute(status -> as("IT_OPERATIONS",
				() -> incidents.open(
						new IncidentBook.Draft(IncidentKind.OUTAGE, "Scheduling down", Impact.CRITICAL,
								IncidentStatus.RESOLVED, List.of("scheduling"), start, end),
						start.plusSeconds(40), Incident.Origin.MANUAL, "declared after the fact",
						"Scheduling was down")));

		ImpactReport report = await().atMost(Duration.ofSeconds(30))
			.until(() -> analysis.report(incident.id()), r -> r.isPresent())
			.orElseThrow();
		assertThat(report.items(ImpactItem.Kind.APPOINTMENT)).extracting(ImpactItem::reference)
			.containsExactlyInAnyOrder("Appointment/" + first.id().asString(), "Appointment/" + second.id().asString());
		assertThat(report.items(ImpactItem.Kind.LATE_ARRIVAL)).extracting(ImpactItem::reference)
			.containsExactly("Appointment/" + came.id().asString());
		assertThat(report.appointments()).isEqualTo(2);
		assertThat(report.lateArrivals()).isEqualTo(1);
		assertThat(report.messages()).as("scheduling does not send messages").isZero();
		assertThat(outageWindows.overlapping(start, end)).isNotEmpty();

		assertThatThrownBy(() -> as("IT_OPERATIONS", () -> rescheduling.start(incident.id())))
			.as("only whoever may book appointments")
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
		List<Long> batches = as("SCHEDULER", () -> rescheduling.start(incident.id()));
		assertThat(as("SCHEDULER", () -> rescheduling.start(incident.id()))).as("taken once").isEqualTo(batches);
		assertThat(batches).hasSize(1);
		RescheduleBatch proposed = as("SCHEDULER", () -> bulk.batch(batches.get(0)));
		assertThat(proposed.status()).isEqualTo(BatchStatus.REVIEW);
		assertThat(proposed.total()).isEqualTo(2);
		as("SCHEDULER", () -> bulk.confirm(batches.get(0)));
		RescheduleBatch done = as("SCHEDULER", () -> bulk.execute(batches.get(0), 0));
		assertThat(done.status()).isEqualTo(BatchStatus.DONE);

		for (Appointment moved : List.of(first, second)) {
			Appointment old = as("SCHEDULER", () -> appointments.get(moved.id()));
			assertThat(old.status()).isEqualTo(AppointmentStatus.CANCELLED);
			assertThat(old.replacedBy()).isNotNull();
		}
		assertThat(as("SCHEDULER", () -> appointments.get(later.id())).status()).isEqualTo(AppointmentStatus.BOOKED);
		for (PatientId patient : inWindow) {
			List<NotificationMessage> sent = transaction.execute(status -> notifications.messagesFor(patient));
			assertThat(sent).filteredOn(m -> m.kind() == NotificationKind.APPOINTMENT_RESCHEDULED_AFTER_OUTAGE)
				.hasSize(1);
			assertThat(sent).filteredOn(m -> m.kind() == NotificationKind.APPOINTMENT_RESCHEDULED).isEmpty();
		}
		List<NotificationMessage> toOutside = transaction.execute(status -> notifications.messagesFor(outside));
		assertThat(toOutside).noneMatch(m -> m.kind().movesAppointment());
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(mailsTo(inWindow[0])).filteredOn(m -> subject(m).contains("panne informatique")).hasSize(1);
			assertThat(mailsTo(inWindow[1])).filteredOn(m -> subject(m).contains("technische storing")).hasSize(1);
		});
		assertThat(mailsTo(outside)).noneMatch(m -> subject(m).contains("storing"));
	}

	private List<MimeMessage> mailsTo(PatientId patient) {
		String address = jdbc.sql("select email from patient where id = ?")
			.param(patient.value())
			.query(String.class)
			.single();
		return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
			try {
				return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
			}
			catch (jakarta.mail.MessagingException ex) {
				return false;
			}
		}).toList();
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			return "";
		}
	}

	private List<Slot> slots() {
		String department = "IMPACT-" + System.nanoTime() % 1_000_000;
		Schedule schedule = as("ADMIN", () -> schedules.create(new NewSchedule("impact point", ActorKind.LOCATION,
				"Location/impact-" + System.nanoTime() % 1_000_000, department, null)));
		as("ADMIN", () -> {
			schedules.setTemplate(schedule.id(), List.of(new TemplateLine(day.getDayOfWeek(), LocalTime.of(8, 0),
					LocalTime.of(17, 0), AppointmentType.BLOOD_SAMPLING, 20)), null);
			schedules.generate(schedule.id(), day, day.plusDays(1));
			return null;
		});
		return availability.search(new SlotQuery(Set.of(schedule.id()), null, null, Set.of(), at(0, 0),
				at(0, 0).plus(Duration.ofDays(1)), null), 1000, 0);
	}

	private continuum.scheduling.SlotId slot(List<Slot> slots, int hour, int minute) {
		Instant start = at(hour, minute);
		return slots.stream().filter(s -> s.start().equals(start)).findFirst().orElseThrow().id();
	}

	private Instant at(int hour, int minute) {
		return ZonedDateTime.of(day, LocalTime.of(hour, minute), TestDates.BRUSSELS).toInstant();
	}

	private PatientId patientWith(String language) {
		return patients
			.register(new PatientData(List.of(), "Outage", List.of("Hit"), null, LocalDate.of(1966, 2, 3),
					Gender.UNKNOWN, Address.NONE, null, uniqueEmail("impact"), language, false))
			.id();
	}

	private static <T> T as(String role, Supplier<T> action) {
		var previous = SecurityContextHolder.getContext().getAuthentication();
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(role.toLowerCase(), null,
					List.of(new SimpleGrantedAuthority("ROLE_" + role))));
		try {
			return action.get();
		}
		finally {
			SecurityContextHolder.getContext().setAuthentication(previous);
		}
	}

}
