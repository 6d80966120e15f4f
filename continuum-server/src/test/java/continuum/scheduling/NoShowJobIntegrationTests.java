package continuum.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.continuity.Impact;
import continuum.continuity.Incident;
import continuum.continuity.IncidentKind;
import continuum.continuity.IncidentStatus;
import continuum.continuity.incidents.IncidentBook;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The no-show job marks booked appointments some hours after their end, once, through the
 * service (audited as the server, in the change feed), and leaves alone those whose
 * patient arrived, those not yet overdue, those cancelled, and those an outage overlaps.
 * Its day is a Wednesday of a week no other test class uses; the job is called with an
 * instant, never the real clock, so that it only ever sees this class's appointments.
 */
@ContinuumIntegrationTest
class NoShowJobIntegrationTests {

	@Autowired
	ScheduleService schedules;

	@Autowired
	AvailabilityService availability;

	@Autowired
	AppointmentService appointments;

	@Autowired
	PatientService patients;

	@Autowired
	NoShowJob job;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IncidentBook incidents;

	@Autowired
	TransactionTemplate transactions;

	SchedulingFixtures fixtures;

	LocalDate day = SchedulingFixtures.monday(64).plusDays(2);

	@BeforeEach
	void setUp() {
		fixtures = new SchedulingFixtures(schedules, availability, patients);
	}

	@Test
	void marksOverdueBookedAppointmentsOnceAndLeavesTheOthers() {
		Schedule point = fixtures.schedule(SchedulingFixtures.department(), ActorKind.LOCATION,
				AppointmentType.BLOOD_SAMPLING, day, LocalTime.of(9, 0), LocalTime.of(18, 0), 10);
		List<Slot> slots = fixtures.slots(point.id(), day);
		PatientId patient = patient();
		Appointment missed = SchedulingFixtures.as("SCHEDULER",
				() -> appointments.book(BookingRequest.of(patient, slots.get(0).id())));
		Appointment came = SchedulingFixtures.as("SCHEDULER",
				() -> appointments.book(BookingRequest.of(patient, slots.get(1).id())));
		Appointment cancelled = SchedulingFixtures.as("SCHEDULER",
				() -> appointments.book(BookingRequest.of(patient, slots.get(2).id())));
		Appointment late = SchedulingFixtures.as("SCHEDULER",
				() -> appointments.book(BookingRequest.of(patient, slots.get(slots.size() - 1).id())));
		SchedulingFixtures.as("SCHEDULER", () -> appointments.checkIn(came.id(), null));
		SchedulingFixtures.as("SCHEDULER", () -> appointments.cancel(cancelled.id(), "patient called", null));
		Instant now = SchedulingFixtures.at(day, 20, 0);

		NoShowJob.Result first = job.markAt(now);
		NoShowJob.Result second = job.markAt(now);

		assertThat(first.marked()).isEqualTo(1);
		assertThat(second.marked()).isZero();
		assertThat(status(missed)).isEqualTo(AppointmentStatus.NOSHOW);
		assertThat(status(came)).isEqualTo(AppointmentStatus.ARRIVED);
		assertThat(status(cancelled)).isEqualTo(AppointmentStatus.CANCELLED);
		assertThat(status(late)).as("ended less than six hours before").isEqualTo(AppointmentStatus.BOOKED);
		assertThat(jdbc
			.sql("""
					select count(*) from audit_log
					where resource_type = 'Appointment' and resource_id = :id and action = 'UPDATE' and username = 'system'""")
			.param("id", missed.id().asString())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(job.markAt(SchedulingFixtures.at(day.plusDays(1), 12, 0)).marked()).isEqualTo(1);
		assertThat(status(late)).isEqualTo(AppointmentStatus.NOSHOW);
	}

	@Test
	void leavesBookedTheAppointmentsAnOutageOverlaps() {
		LocalDate outageDay = day.plusDays(1);
		Schedule point = fixtures.schedule(SchedulingFixtures.department(), ActorKind.LOCATION,
				AppointmentType.BLOOD_SAMPLING, outageDay, LocalTime.of(9, 0), LocalTime.of(12, 0), 30);
		List<Slot> slots = fixtures.slots(point.id(), outageDay);
		PatientId patient = patient();
		Appointment during = SchedulingFixtures.as("SCHEDULER",
				() -> appointments.book(BookingRequest.of(patient, slots.get(1).id())));
		Appointment after = SchedulingFixtures.as("SCHEDULER",
				() -> appointments.book(BookingRequest.of(patient, slots.get(slots.size() - 1).id())));
		Instant start = SchedulingFixtures.at(outageDay, 9, 15);
		Instant end = SchedulingFixtures.at(outageDay, 10, 45);
		transactions.executeWithoutResult(status -> incidents.open(
				new IncidentBook.Draft(IncidentKind.OUTAGE, "Database down", Impact.CRITICAL, IncidentStatus.RESOLVED,
						List.of("database"), start, end),
				start, Incident.Origin.MANUAL, "declared after the fact", "The database was down"));

		NoShowJob.Result result = job.markAt(SchedulingFixtures.at(outageDay.plusDays(1), 12, 0));

		assertThat(result.spared()).isEqualTo(1);
		assertThat(status(during)).isEqualTo(AppointmentStatus.BOOKED);
		assertThat(status(after)).isEqualTo(AppointmentStatus.NOSHOW);
	}

	private AppointmentStatus status(Appointment appointment) {
		return SchedulingFixtures.as("SCHEDULER", () -> appointments.get(appointment.id())).status();
	}

	private PatientId patient() {
		return patients
			.register(new PatientData(List.of(), "Vermeulen", List.of("Jef"), null, LocalDate.of(1950, 7, 1),
					Gender.MALE, Address.NONE, null, null, "nl", false))
			.id();
	}

}
