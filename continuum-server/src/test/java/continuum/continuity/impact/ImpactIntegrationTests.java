package continuum.continuity.impact;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import continuum.ContinuumIntegrationTest;
import continuum.TestDates;
import continuum.continuity.Impact;
import continuum.continuity.Incident;
import continuum.continuity.IncidentKind;
import continuum.continuity.IncidentStatus;
import continuum.continuity.incidents.IncidentBook;
import continuum.notifications.NotificationKind;
import continuum.notifications.NotificationMessage;
import continuum.notifications.NotificationService;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
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
import continuum.web.WebSession;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An outage of scheduling from 08:30 to 12:00 on a Wednesday no other test uses: its
 * resolution computes the impact, which finds exactly the appointments booked in the
 * window and the arrival recorded after it; the no-show job spares the window's
 * appointments; handing them to bulk rescheduling moves each once and sends each patient
 * one e-mail saying it was a technical outage (received by a real SMTP server), and none
 * for the appointment outside the window. The page and its PDF show the counts to the IT
 * role and the lists (names, MRNs) only to roles that may see patients.
 */
@ContinuumIntegrationTest
class ImpactIntegrationTests {

	/**
	 * A mail server of this class's own, and so an application context of its own: the
	 * notification tests' context counts and scripts its peers' traffic, which this
	 * class's messages must not add to.
	 */
	static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

	private static final AtomicInteger addresses = new AtomicInteger();

	static {
		SMTP.start();
		Runtime.getRuntime().addShutdownHook(new Thread(SMTP::stop));
	}

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("continuum.notifications.smtp.host", () -> "127.0.0.1");
		registry.add("continuum.notifications.smtp.port", () -> SMTP.getSmtp().getPort());
		registry.add("continuum.notifications.smtp.from", () -> "afspraken@continuum.test");
		registry.add("continuum.notifications.smtp.timeout", () -> "2s");
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

	@LocalServerPort
	int port;

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

	@Test
	void thePageAndThePdfShowTheCountsToTheItRoleAndTheListsOnlyToWhoMaySeePatients() throws Exception {
		LocalDate otherDay = day.plusDays(1);
		List<Slot> slots = slots(otherDay);
		PatientId patient = patientWith("nl");
		as("SCHEDULER", () -> appointments.book(BookingRequest.of(patient, slot(slots, otherDay, 9, 0))));
		String mrn = jdbc.sql("select mrn from patient where id = ?")
			.param(patient.value())
			.query(String.class)
			.single();
		Incident incident = transaction.execute(status -> as("IT_OPERATIONS",
				() -> incidents.open(
						new IncidentBook.Draft(IncidentKind.OUTAGE, "ADT down", Impact.MAJOR, IncidentStatus.RESOLVED,
								List.of("adt"), at(otherDay, 8, 45), at(otherDay, 10, 0)),
						at(otherDay, 8, 46), Incident.Origin.MANUAL, "declared after the fact", "ADT did not answer")));
		Incident going = transaction.execute(status -> as("IT_OPERATIONS",
				() -> incidents.open(
						new IncidentBook.Draft(IncidentKind.OUTAGE, "SMS gateway down", Impact.MINOR,
								IncidentStatus.INVESTIGATING, List.of("sms-gateway"), at(otherDay, 11, 0), null),
						at(otherDay, 11, 1), Incident.Origin.MANUAL, "declared", "No SMS leaves")));
		String page = "/continuity/incidents/" + incident.id() + "/impact";
		await().atMost(Duration.ofSeconds(30)).until(() -> analysis.report(incident.id()).isPresent());

		WebSession itops = WebSession.signIn(port, "itops");
		assertThat(itops.get("/continuity/incidents/" + incident.id()).body()).as("the incident links its impact")
			.contains("href=\"" + page + "\"");
		String ongoing = itops.get("/continuity/incidents/" + going.id() + "/impact").body();
		assertThat(ongoing).contains("has not been computed yet").contains("still going on");
		assertThat(itops.post(page, Map.of()).statusCode()).as("computed again on demand").isEqualTo(302);
		String counts = itops.get(page).body();
		assertThat(counts).contains("id=\"count-appointments\">1<")
			.contains("id=\"impact-no-lists\"")
			.contains("Impact computed")
			.doesNotContain(mrn)
			.doesNotContain("reschedule-hit");

		WebSession scheduler = WebSession.signIn(port, "scheduler");
		String lists = scheduler.get(page).body();
		assertThat(lists).contains(mrn).contains("OUTAGE, Hit").contains("reschedule-hit");
		HttpResponse<byte[]> pdf = scheduler.download(page + ".pdf");
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
		try (PDDocument document = Loader.loadPDF(pdf.body())) {
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains("Impact of incident " + incident.id()).contains("adt").contains(mrn);
		}
		HttpResponse<byte[]> itopsPdf = itops.download(page + ".pdf");
		try (PDDocument document = Loader.loadPDF(itopsPdf.body())) {
			assertThat(new PDFTextStripper().getText(document)).contains("Booked appointments in the window: 1")
				.doesNotContain(mrn);
		}
		scheduler.get("/continuity/incidents/" + going.id() + "/impact");
		assertThat(scheduler.post("/continuity/incidents/" + going.id() + "/impact/reschedule", Map.of()).statusCode())
			.as("an outage going on is not rescheduled yet")
			.isEqualTo(409);
		transaction.executeWithoutResult(status -> as("IT_OPERATIONS",
				() -> incidents.change(going.id(), null,
						IncidentBook.Draft.of(going).closed(IncidentStatus.RESOLVED, at(otherDay, 11, 30)), "test over",
						null)));

		assertThat(WebSession.signIn(port, "auditor").get(page).statusCode()).isEqualTo(403);
		assertThat(scheduler.get("/continuity/incidents/999999999/impact").statusCode()).isEqualTo(404);
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
		return slots(day);
	}

	private List<Slot> slots(LocalDate day) {
		String department = "IMPACT-" + System.nanoTime() % 1_000_000;
		Schedule schedule = as("ADMIN", () -> schedules.create(new NewSchedule("impact point", ActorKind.LOCATION,
				"Location/impact-" + System.nanoTime() % 1_000_000, department, null)));
		as("ADMIN", () -> {
			schedules.setTemplate(schedule.id(), List.of(new TemplateLine(day.getDayOfWeek(), LocalTime.of(8, 0),
					LocalTime.of(17, 0), AppointmentType.BLOOD_SAMPLING, 20)), null);
			schedules.generate(schedule.id(), day, day.plusDays(1));
			return null;
		});
		return availability.search(new SlotQuery(Set.of(schedule.id()), null, null, Set.of(), at(day, 0, 0),
				at(day, 0, 0).plus(Duration.ofDays(1)), null), 1000, 0);
	}

	private continuum.scheduling.SlotId slot(List<Slot> slots, int hour, int minute) {
		return slot(slots, day, hour, minute);
	}

	private continuum.scheduling.SlotId slot(List<Slot> slots, LocalDate day, int hour, int minute) {
		Instant start = at(day, hour, minute);
		return slots.stream().filter(s -> s.start().equals(start)).findFirst().orElseThrow().id();
	}

	private Instant at(int hour, int minute) {
		return at(day, hour, minute);
	}

	private static Instant at(LocalDate day, int hour, int minute) {
		return ZonedDateTime.of(day, LocalTime.of(hour, minute), TestDates.BRUSSELS).toInstant();
	}

	private PatientId patientWith(String language) {
		return patients.register(new PatientData(List.of(), "Outage", List.of("Hit"), null, LocalDate.of(1966, 2, 3),
				Gender.UNKNOWN, Address.NONE, null,
				"impact-" + addresses.incrementAndGet() + "-" + System.nanoTime() + "@patients.test", language, false))
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
