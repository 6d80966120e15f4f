package continuum.scheduling.web;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import continuum.TestDates;
import continuum.ContinuumIntegrationTest;
import continuum.notifications.NotificationKind;
import continuum.notifications.NotificationService;
import continuum.notifications.PatientNotification;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.scheduling.ActorKind;
import continuum.scheduling.Appointment;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentStatus;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.BookingRequest;
import continuum.scheduling.Schedule;
import continuum.scheduling.ScheduleService;
import continuum.scheduling.Slot;
import continuum.web.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduling pages over real HTTP with signed-in sessions of the demo roles:
 * calendar, booking form, worklist actions, appointment detail and the chart's
 * appointments, with the refusals each role and each stale or incomplete form must get.
 */
@ContinuumIntegrationTest
class SchedulingWebIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ScheduleService schedules;

	@Autowired
	AvailabilityService availability;

	@Autowired
	AppointmentService appointments;

	@Autowired
	PatientService patients;

	@Autowired
	NotificationService notifications;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	SchedulingWebFixtures fixtures;

	LocalDate day;

	@BeforeEach
	void setUp() {
		fixtures = new SchedulingWebFixtures(schedules, availability, patients);
		day = SchedulingWebFixtures.day();
	}

	@Test
	void calendarShowsFreeSlotsAndAppointmentChipsToANurse() throws Exception {
		SchedulingWebFixtures.Pair pair = fixtures.consultation(day);
		PatientId patient = fixtures.patient("Vanderhaegen", "Anaïs");
		Appointment booked = appointments.book(BookingRequest.of(patient,
				fixtures.slots(pair.physician(), day).get(1).id(), fixtures.slots(pair.room(), day).get(1).id()));
		availability.setBlocked(fixtures.slots(pair.physician(), day).get(2).id(), true, null);
		WebSession nurse = WebSession.signIn(port, "nurse");

		String picker = nurse.get("/scheduling").body();
		assertThat(picker).contains(pair.department() + " · Practitioner", pair.department() + " · Location");

		HttpResponse<String> dayView = nurse
			.get("/scheduling?schedule=" + pair.physician().id() + "&view=day&date=" + day);
		assertThat(dayView.statusCode()).isEqualTo(200);
		assertThat(dayView.body()).contains("Dr. Émile Claes", "09:00–09:20", "free", "VANDERHAEGEN, Anaïs",
				"MRN " + patients.summary(patient).mrn(), "Consultation", ">booked<",
				"href=\"/scheduling/appointments/" + booked.id() + "\"", "date=" + day.plusDays(1),
				"date=" + day.minusDays(1), "slot-busy-unavailable", ">blocked<");

		String week = nurse.get("/scheduling?schedule=" + pair.room().id() + "&view=week&date=" + day).body();
		assertThat(week).contains("id=\"week-grid\"", "VANDERHAEGEN, Anaïs", "date=" + day.plusDays(7), "Next week");
		assertThat(audited(patient, "SEARCH", "Appointment")).isPositive();
	}

	@Test
	void theDemoHospitalsAppointmentsShowOnWorklistAndCalendar() throws Exception {
		WebSession nurse = WebSession.signIn(port, "nurse");
		assertThat(nurse.get("/scheduling/worklist").statusCode()).isEqualTo(200);
		LocalDate today = LocalDate.now(SchedulingWebFixtures.BRUSSELS);
		boolean seen = false;
		for (int d = 0; d < 7 && !seen; d++) {
			String page = nurse.get("/scheduling/worklist?department=Cardiology&date=" + today.plusDays(d)).body();
			seen = page.contains("id=\"appointment-");
		}
		assertThat(seen).as("a demo Cardiology appointment in the coming week").isTrue();
		Schedule clinic = schedules.search("Cardiology", null, true, 1, 0).get(0);
		String week = nurse.get("/scheduling?schedule=" + clinic.id() + "&view=week&date=" + today.plusDays(7)).body();
		assertThat(week).contains("id=\"week-grid\"", "class=\"chip", "MRN ");
	}

	@Test
	void calendarOfTheDayClocksGoForwardHas23Hours() throws Exception {
		LocalDate springForward = TestDates.springForward(105);
		Schedule device = fixtures.schedule("Echo 1", SchedulingWebFixtures.department(), ActorKind.DEVICE,
				AppointmentType.ULTRASOUND, springForward, LocalTime.of(9, 0), LocalTime.of(10, 0));
		WebSession nurse = WebSession.signIn(port, "nurse");
		String page = nurse.get("/scheduling?schedule=" + device.id() + "&date=" + springForward).body();
		assertThat(page).contains("This day has 23 hours", "09:00–09:20", "09:40–10:00");
	}

	@Test
	void calendarOfTheDayClocksGoBackShowsTheRepeatedHourTwice() throws Exception {
		LocalDate fallBack = TestDates.fallBack(105);
		Schedule device = fixtures.schedule("Echo nacht", SchedulingWebFixtures.department(), ActorKind.DEVICE,
				AppointmentType.ULTRASOUND, fallBack, LocalTime.of(1, 0), LocalTime.of(4, 0));
		WebSession nurse = WebSession.signIn(port, "nurse");
		String page = nurse.get("/scheduling?schedule=" + device.id() + "&date=" + fallBack).body();
		assertThat(page).contains("This day has 25 hours", "02:00 (UTC+02:00)", "02:00 (UTC+01:00)");
		assertThat(page.split("class=\"slot slot-free\"", -1)).hasSize(13);
	}

	@Test
	void schedulerBooksFromTheChartThroughTheForm() throws Exception {
		SchedulingWebFixtures.Pair pair = fixtures.consultation(day);
		PatientId patient = fixtures.patient("Dubois", "Marie-Hélène");
		WebSession scheduler = WebSession.signIn(port, "scheduler");

		String chart = scheduler.get("/patients/" + patient).body();
		assertThat(chart).contains("id=\"book-link\"", "href=\"/scheduling/book?patient=" + patient + "\"");

		String options = scheduler
			.get("/scheduling/book?patient=" + patient + "&type=consultation&department=" + pair.department()
					+ "&earliest=" + day)
			.body();
		Slot physician = fixtures.slots(pair.physician(), day).get(0);
		Slot room = fixtures.slots(pair.room(), day).get(0);
		assertThat(options).contains("id=\"options\"", "09:00–09:20",
				"<span>Dr. Émile Claes + </span><span>" + pair.room().name() + "</span>");

		String slots = physician.id() + "," + room.id();
		String confirm = scheduler
			.get("/scheduling/book?patient=" + patient + "&type=consultation&department=" + pair.department()
					+ "&earliest=" + day + "&slots=" + slots)
			.body();
		assertThat(confirm).contains("id=\"confirm-form\"", "Confirm booking");

		HttpResponse<String> booked = scheduler.post("/scheduling/book",
				Map.of("patient", patient.asString(), "type", "consultation", "department", pair.department(),
						"earliest", day.toString(), "slots", slots, "comment", "Nuchter komen"));
		assertThat(booked.statusCode()).isEqualTo(302);
		String detailPath = WebSession.location(booked);
		assertThat(detailPath).contains("/scheduling/appointments/");
		String detail = scheduler.get(detailPath.substring(detailPath.indexOf("/scheduling"))).body();
		assertThat(detail).contains("Booked for", ">booked<", "Nuchter komen", "Dr. Émile Claes", "by scheduler");

		List<Appointment> found = appointments.search(continuum.scheduling.AppointmentQuery.ofPatient(patient), 10, 0);
		assertThat(found).singleElement().satisfies(a -> {
			assertThat(a.slots()).containsExactlyInAnyOrder(physician.id(), room.id());
			assertThat(a.status()).isEqualTo(AppointmentStatus.BOOKED);
		});
		assertThat(scheduler.get("/patients/" + patient).body()).contains("Upcoming",
				"href=\"/scheduling/appointments/" + found.get(0).id() + "\"");
	}

	@Test
	void choosingOneResourceOffersOnlyItsFreeTimes() throws Exception {
		SchedulingWebFixtures.Pair pair = fixtures.consultation(day);
		Schedule second = fixtures.schedule("Dr. Zoë Willems", pair.department(), ActorKind.PRACTITIONER,
				AppointmentType.CONSULTATION, day, LocalTime.of(9, 20), LocalTime.of(10, 0));
		appointments.book(BookingRequest.of(fixtures.patient("Jacobs", "Fien"), fixtures.slots(second, day).get(0).id(),
				fixtures.slots(pair.room(), day).get(1).id()));
		PatientId patient = fixtures.patient("Willems", "Noor");
		WebSession scheduler = WebSession.signIn(port, "scheduler");
		String base = "/scheduling/book?patient=" + patient + "&type=consultation&department=" + pair.department()
				+ "&earliest=" + day;

		String any = scheduler.get(base).body();
		assertThat(any).contains("Dr. Zoë Willems</option>", "09:00–09:20", "09:40–10:00")
			.doesNotContain("09:20–09:40", "<span>Dr. Zoë Willems + </span>");

		String chosen = scheduler.get(base + "&resource=" + second.id()).body();
		assertThat(chosen)
			.contains("<span>Dr. Zoë Willems + </span><span>" + pair.room().name() + "</span>", "09:40–10:00")
			.doesNotContain("09:00–09:20", "09:20–09:40", "Dr. Émile Claes + ");

		HttpResponse<String> wrongKind = scheduler.get("/scheduling/book?patient=" + patient
				+ "&type=follow-up&department=" + pair.department() + "&resource=" + pair.room().id());
		assertThat(wrongKind.statusCode()).isEqualTo(200);
		assertThat(wrongKind.body()).contains("id=\"booking-hint\"",
				"is a location, which a follow-up consultation does not need; showing every resource");

		String otherDepartment = scheduler
			.get(base.replace(pair.department(), "Cardiology") + "&resource=" + second.id())
			.body();
		assertThat(otherDepartment).contains("<h2>Free times</h2>").doesNotContain("Dr. Zoë Willems");
	}

	@Test
	void reschedulingFromTheDetailLinksTheNewAppointmentToTheOldOne() throws Exception {
		SchedulingWebFixtures.Pair pair = fixtures.consultation(day);
		PatientId patient = fixtures.patient("Pauwels", "Marthe");
		Appointment old = appointments.book(BookingRequest.of(patient,
				fixtures.slots(pair.physician(), day).get(0).id(), fixtures.slots(pair.room(), day).get(0).id()));
		WebSession scheduler = WebSession.signIn(port, "scheduler");
		String detail = scheduler.get("/scheduling/appointments/" + old.id()).body();
		assertThat(detail).contains("id=\"reschedule-link\"", "replaces=" + old.id());

		String slots = fixtures.slots(pair.physician(), day).get(2).id() + ","
				+ fixtures.slots(pair.room(), day).get(2).id();
		String confirm = scheduler
			.get("/scheduling/book?patient=" + patient + "&type=consultation&department=" + pair.department()
					+ "&earliest=" + day + "&replaces=" + old.id() + "&slots=" + slots)
			.body();
		assertThat(confirm).contains("id=\"replacing\"", "Reason for moving", "Confirm new time");

		Map<String, String> form = Map.of("patient", patient.asString(), "type", "consultation", "department",
				pair.department(), "slots", slots, "replaces", old.id().asString());
		HttpResponse<String> noReason = scheduler.post("/scheduling/book", form);
		assertThat(noReason.statusCode()).isEqualTo(422);
		assertThat(noReason.body()).contains("Give the reason for moving appointment " + old.id());
		assertThat(appointments.get(old.id()).status()).isEqualTo(AppointmentStatus.BOOKED);

		HttpResponse<String> moved = scheduler.post("/scheduling/book", with(form, "reason", "Patiënt op reis"));
		assertThat(moved.statusCode()).isEqualTo(302);
		Appointment cancelled = appointments.get(old.id());
		assertThat(cancelled.status()).isEqualTo(AppointmentStatus.CANCELLED);
		assertThat(cancelled.replacedBy()).isNotNull();
		assertThat(WebSession.location(moved)).endsWith("/scheduling/appointments/" + cancelled.replacedBy());
		assertThat(scheduler.get("/scheduling/appointments/" + cancelled.replacedBy()).body()).contains(
				"Rescheduled to", "replaces", "href=\"/scheduling/appointments/" + old.id() + "\"", "Patiënt op reis",
				"09:40");

		HttpResponse<String> again = scheduler.post("/scheduling/book", with(form, "reason", "Nog eens"));
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("role=\"alert\"", "only a booked appointment can be rescheduled");
	}

	@Test
	void aTimeTakenMeanwhileAnswersWithAMessageAndFreshOptions() throws Exception {
		SchedulingWebFixtures.Pair pair = fixtures.consultation(day);
		PatientId patient = fixtures.patient("Janssens", "Lotte");
		Slot physician = fixtures.slots(pair.physician(), day).get(0);
		Slot room = fixtures.slots(pair.room(), day).get(0);
		WebSession scheduler = WebSession.signIn(port, "scheduler");
		scheduler.get("/scheduling/book?patient=" + patient + "&type=consultation&department=" + pair.department()
				+ "&earliest=" + day + "&slots=" + physician.id() + "," + room.id());

		appointments.book(BookingRequest.of(fixtures.patient("Peeters", "Jan"), physician.id(), room.id()));

		HttpResponse<String> refused = scheduler.post("/scheduling/book",
				Map.of("patient", patient.asString(), "type", "consultation", "department", pair.department(),
						"earliest", day.toString(), "slots", physician.id() + "," + room.id()));
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body())
			.contains("role=\"alert\"", "just booked by someone else", "id=\"options\"", "09:20–09:40")
			.doesNotContain("Exception", "at continuum.", "09:00–09:20");
		assertThat(appointments.search(continuum.scheduling.AppointmentQuery.ofPatient(patient), 10, 0)).isEmpty();
		assertThat(refused.body()).contains("id=\"overbook-form\"");

		HttpResponse<String> overbooked = scheduler.post("/scheduling/book",
				Map.of("patient", patient.asString(), "slots", physician.id() + "," + room.id(), "overbook", "true"));
		assertThat(overbooked.statusCode()).isEqualTo(302);
		assertThat(appointments.search(continuum.scheduling.AppointmentQuery.ofPatient(patient), 10, 0)).singleElement()
			.satisfies(a -> assertThat(a.overbooked()).isTrue());
	}

	@Test
	void worklistChecksInAndRefusesACancelWithoutAReason() throws Exception {
		SchedulingWebFixtures.Pair pair = fixtures.consultation(day);
		PatientId patient = fixtures.patient("Wouters", "Sofie");
		Appointment booked = appointments.book(BookingRequest.of(patient,
				fixtures.slots(pair.physician(), day).get(2).id(), fixtures.slots(pair.room(), day).get(2).id()));
		WebSession scheduler = WebSession.signIn(port, "scheduler");

		String list = scheduler.get("/scheduling/worklist?date=" + day + "&department=" + pair.department()).body();
		assertThat(list).contains("id=\"appointment-" + booked.id() + "\"", "09:40–10:00", "WOUTERS, Sofie",
				patients.summary(patient).mrn(), "Consultation", "Dr. Émile Claes", "Check in", "No-show",
				"name=\"reason\"");

		Map<String, String> filter = Map.of("date", day.toString(), "department", pair.department());
		HttpResponse<String> noReason = scheduler.post("/scheduling/appointments/" + booked.id() + "/cancel",
				with(filter, "reason", " ", "version", "1"));
		assertThat(noReason.statusCode()).isEqualTo(422);
		assertThat(noReason.body()).contains("role=\"alert\"", "Give a reason to cancel");
		assertThat(appointments.get(booked.id()).status()).isEqualTo(AppointmentStatus.BOOKED);

		HttpResponse<String> checkedIn = scheduler.post("/scheduling/appointments/" + booked.id() + "/status",
				with(filter, "status", "arrived", "version", "1"));
		assertThat(checkedIn.statusCode()).isEqualTo(302);
		assertThat(WebSession.location(checkedIn)).contains("/scheduling/worklist?date=" + day);
		assertThat(appointments.get(booked.id()).status()).isEqualTo(AppointmentStatus.ARRIVED);
		assertThat(scheduler.get("/scheduling/worklist?date=" + day + "&department=" + pair.department()).body())
			.contains("checked in", ">arrived<", "Fulfilled");

		HttpResponse<String> cancelled = scheduler.post("/scheduling/appointments/" + booked.id() + "/cancel",
				with(filter, "reason", "Patiënt voelt zich beter", "version", "2"));
		assertThat(cancelled.statusCode()).isEqualTo(302);
		assertThat(scheduler.get("/scheduling/appointments/" + booked.id()).body()).contains(">cancelled<",
				"by scheduler on", "Patiënt voelt zich beter");

		HttpResponse<String> badDate = scheduler.get("/scheduling/worklist?date=25-11-2026");
		assertThat(badDate.statusCode()).isEqualTo(422);
		assertThat(badDate.body()).contains("A date must look like 2026-11-25").doesNotContain("Exception");
	}

	@Test
	void aStaleFormIsReportedAsChangedBySomeoneElse() throws Exception {
		SchedulingWebFixtures.Pair pair = fixtures.consultation(day);
		Appointment booked = appointments.book(BookingRequest.of(fixtures.patient("Maes", "Nora"),
				fixtures.slots(pair.physician(), day).get(0).id(), fixtures.slots(pair.room(), day).get(0).id()));
		WebSession scheduler = WebSession.signIn(port, "scheduler");
		scheduler.get("/scheduling/worklist?date=" + day + "&department=" + pair.department());

		appointments.checkIn(booked.id(), booked.version());

		HttpResponse<String> stale = scheduler.post("/scheduling/appointments/" + booked.id() + "/status",
				Map.of("status", "noshow", "version", Integer.toString(booked.version()), "date", day.toString(),
						"department", pair.department()));
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("changed by someone else", ">arrived<");
		assertThat(appointments.get(booked.id()).status()).isEqualTo(AppointmentStatus.ARRIVED);

		HttpResponse<String> staleCancel = scheduler.post("/scheduling/appointments/" + booked.id() + "/cancel",
				Map.of("reason", "Patient belde af", "version", Integer.toString(booked.version()), "back", "detail"));
		assertThat(staleCancel.statusCode()).isEqualTo(302);
		assertThat(scheduler.get("/scheduling/appointments/" + booked.id()).body()).contains("changed by someone else");
	}

	@Test
	void cliniciansReadButCannotBook() throws Exception {
		SchedulingWebFixtures.Pair pair = fixtures.consultation(day);
		PatientId patient = fixtures.patient("Claes", "Ines");
		Slot physician = fixtures.slots(pair.physician(), day).get(0);
		Slot room = fixtures.slots(pair.room(), day).get(0);
		Appointment booked = appointments.book(BookingRequest.of(patient,
				fixtures.slots(pair.physician(), day).get(1).id(), fixtures.slots(pair.room(), day).get(1).id()));
		WebSession doctor = WebSession.signIn(port, "physician");

		String chart = doctor.get("/patients/" + patient).body();
		assertThat(chart).contains("id=\"chart-appointments\"", "href=\"/scheduling/appointments/" + booked.id())
			.doesNotContain("book-link");
		String list = doctor.get("/scheduling/worklist?date=" + day + "&department=" + pair.department()).body();
		assertThat(list).contains("CLAES, Ines").doesNotContain("Check in", "data-action=\"cancel\"");
		assertThat(doctor.get("/scheduling/appointments/" + booked.id()).body()).contains(">booked<")
			.doesNotContain("data-action");

		assertThat(doctor.get("/scheduling/book?patient=" + patient).statusCode()).isEqualTo(403);
		doctor.get("/patients/" + patient);
		HttpResponse<String> book = doctor.post("/scheduling/book",
				Map.of("patient", patient.asString(), "slots", physician.id() + "," + room.id()));
		assertThat(book.statusCode()).isEqualTo(403);
		HttpResponse<String> cancel = doctor.post("/scheduling/appointments/" + booked.id() + "/cancel",
				Map.of("reason", "Test", "version", "1"));
		assertThat(cancel.statusCode()).isEqualTo(403);
		HttpResponse<String> checkIn = doctor.post("/scheduling/appointments/" + booked.id() + "/status",
				Map.of("status", "arrived", "version", "1"));
		assertThat(checkIn.statusCode()).isEqualTo(403);
		assertThat(appointments.search(continuum.scheduling.AppointmentQuery.ofPatient(patient), 10, 0)).singleElement()
			.extracting(Appointment::status)
			.isEqualTo(AppointmentStatus.BOOKED);
	}

	@Test
	void radiographerChecksInButCannotCancel() throws Exception {
		Schedule device = fixtures.schedule("Echo 2", SchedulingWebFixtures.department(), ActorKind.DEVICE,
				AppointmentType.ULTRASOUND, day, LocalTime.of(9, 0), LocalTime.of(10, 0));
		Appointment booked = appointments
			.book(BookingRequest.of(fixtures.patient("Mertens", "Lien"), fixtures.slots(device, day).get(0).id()));
		WebSession radiographer = WebSession.signIn(port, "radiographer");
		String list = radiographer.get("/scheduling/worklist?date=" + day + "&schedule=" + device.id()).body();
		assertThat(list).contains("Check in").doesNotContain("data-action=\"cancel\"");

		HttpResponse<String> cancel = radiographer.post("/scheduling/appointments/" + booked.id() + "/cancel",
				Map.of("reason", "Toestel defect", "version", "1"));
		assertThat(cancel.statusCode()).isEqualTo(403);
		HttpResponse<String> checkIn = radiographer.post("/scheduling/appointments/" + booked.id() + "/status", Map
			.of("status", "arrived", "version", "1", "date", day.toString(), "schedule", device.id().asString()));
		assertThat(checkIn.statusCode()).isEqualTo(302);
		assertThat(appointments.get(booked.id()).status()).isEqualTo(AppointmentStatus.ARRIVED);
	}

	@Test
	void eachRoleSeesWhatTheAccessTableGivesIt() throws Exception {
		SchedulingWebFixtures.Pair pair = fixtures.consultation(day);
		PatientId patient = fixtures.patient("Hermans", "Jolien");
		Appointment booked = appointments.book(BookingRequest.of(patient,
				fixtures.slots(pair.physician(), day).get(0).id(), fixtures.slots(pair.room(), day).get(0).id()));
		String calendar = "/scheduling?schedule=" + pair.physician().id() + "&date=" + day;
		String worklist = "/scheduling/worklist?date=" + day + "&department=" + pair.department();

		WebSession labtech = WebSession.signIn(port, "labtech");
		assertThat(labtech.get(calendar).body()).contains("HERMANS, Jolien");
		assertThat(labtech.get(worklist).body()).contains("HERMANS, Jolien", "Check in")
			.doesNotContain("data-action=\"cancel\"");
		assertThat(labtech.get("/scheduling/appointments/" + booked.id()).statusCode()).isEqualTo(200);

		WebSession radiologist = WebSession.signIn(port, "radiologist");
		assertThat(radiologist.get(worklist).body()).contains("HERMANS, Jolien").doesNotContain("Check in");

		WebSession admin = WebSession.signIn(port, "admin");
		HttpResponse<String> slotsOnly = admin.get(calendar);
		assertThat(slotsOnly.statusCode()).isEqualTo(200);
		assertThat(slotsOnly.body()).contains("09:00–09:20", "booked").doesNotContain("HERMANS");
		assertThat(admin.get(worklist).statusCode()).isEqualTo(403);
		assertThat(admin.get("/scheduling/appointments/" + booked.id()).statusCode()).isEqualTo(403);

		WebSession auditor = WebSession.signIn(port, "auditor");
		assertThat(auditor.get(calendar).statusCode()).isEqualTo(403);
	}

	@Test
	void detailShowsTheChainWhoCancelledAndMessageStatus() throws Exception {
		SchedulingWebFixtures.Pair pair = fixtures.consultation(day);
		PatientId patient = fixtures.patient("Goossens", "Emma");
		Appointment first = appointments.book(BookingRequest.of(patient,
				fixtures.slots(pair.physician(), day).get(0).id(), fixtures.slots(pair.room(), day).get(0).id()));
		Appointment second = appointments.reschedule(first.id(), List
			.of(fixtures.slots(pair.physician(), day).get(2).id(), fixtures.slots(pair.room(), day).get(2).id()),
				"Arts <b>afwezig</b>");
		transactions.executeWithoutResult(tx -> notifications.notify(PatientNotification.of(patient,
				NotificationKind.APPOINTMENT_BOOKED, "Appointment/" + second.id(), second.start(), null, null)));
		WebSession scheduler = WebSession.signIn(port, "scheduler");

		String newer = scheduler.get("/scheduling/appointments/" + second.id()).body();
		assertThat(newer)
			.contains("replaces", "href=\"/scheduling/appointments/" + first.id() + "\"", "appointment booked",
					"undeliverable", "no-contact", "Arts &lt;b&gt;afwezig&lt;/b&gt;")
			.doesNotContain("<b>afwezig");
		String older = scheduler.get("/scheduling/appointments/" + first.id()).body();
		assertThat(older).contains("replaced by", "href=\"/scheduling/appointments/" + second.id() + "\"",
				">cancelled<", "Arts &lt;b&gt;afwezig&lt;/b&gt;", "id=\"appointment-messages\"");
		assertThat(audited(patient, "READ", "Appointment")).isGreaterThanOrEqualTo(2);
	}

	@Test
	void scriptLookingTextIsShownAsText() throws Exception {
		SchedulingWebFixtures.Pair pair = fixtures.consultation(day);
		PatientId patient = fixtures.patient("Lambert", "Chloé");
		WebSession scheduler = WebSession.signIn(port, "scheduler");
		scheduler.get("/scheduling/book?patient=" + patient);
		HttpResponse<String> booked = scheduler.post("/scheduling/book",
				Map.of("patient", patient.asString(), "slots",
						fixtures.slots(pair.physician(), day).get(0).id() + ","
								+ fixtures.slots(pair.room(), day).get(0).id(),
						"comment", "<script>alert('x')</script>"));
		assertThat(booked.statusCode()).isEqualTo(302);
		String detail = scheduler.get(WebSession.location(booked).replaceFirst("^https?://[^/]+", "")).body();
		assertThat(detail).contains("&lt;script&gt;alert(").doesNotContain("<script>alert");

		HttpResponse<String> bogus = scheduler
			.get("/scheduling/book?patient=" + patient + "&type=%3Cscript%3E&department=x");
		assertThat(bogus.statusCode()).isEqualTo(422);
		assertThat(bogus.body()).contains("Unknown appointment type &lt;script&gt;").doesNotContain("type <script>");
	}

	private static Map<String, String> with(Map<String, String> base, String... more) {
		Map<String, String> all = new java.util.LinkedHashMap<>(base);
		for (int i = 0; i < more.length; i += 2) {
			all.put(more[i], more[i + 1]);
		}
		return all;
	}

	private long audited(PatientId patient, String action, String type) {
		return jdbc
			.sql("select count(*) from audit_log where patient_id = :patient and action = :action "
					+ "and resource_type = :type")
			.param("patient", patient.asString())
			.param("action", action)
			.param("type", type)
			.query(Long.class)
			.single();
	}

}
