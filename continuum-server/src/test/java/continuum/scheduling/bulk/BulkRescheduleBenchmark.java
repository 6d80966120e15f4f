package continuum.scheduling.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import continuum.ContinuumIntegrationTest;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.scheduling.ActorKind;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.BookingRequest;
import continuum.scheduling.NewSchedule;
import continuum.scheduling.Schedule;
import continuum.scheduling.ScheduleService;
import continuum.scheduling.Slot;
import continuum.scheduling.SlotQuery;
import continuum.scheduling.SlotStatus;
import continuum.scheduling.TemplateLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (run by {@code bench/scheduling-bulk/run.sh}, skipped otherwise):
 * a department of consultation rooms and physicians with N booked consultations (two
 * resources each) in a window, moved in bulk. Measures the time to proposals (selection,
 * audit, planning) and the time to rebook and queue every patient's message, and checks
 * the outcome, writing one JSON line per measurement.
 */
@ContinuumIntegrationTest
@EnabledIfSystemProperty(named = "continuum.bench", matches = "scheduling-bulk")
class BulkRescheduleBenchmark {

	@Autowired
	BulkRescheduleService bulk;

	@Autowired
	ScheduleService schedules;

	@Autowired
	AvailabilityService availability;

	@Autowired
	AppointmentService appointments;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@Test
	void reschedulesADepartmentInBulk() throws IOException {
		int count = Integer.getInteger("bench.appointments", 5000);
		int pairs = Integer.getInteger("bench.resources", 10);
		LocalDate first = LocalDate.of(2029, 1, 1);
		int perDay = pairs * 30;
		int windowDays = (count + perDay - 1) / perDay;
		LocalDate until = first.plusDays(windowDays * 2L + 2);
		String department = "BENCH-" + System.nanoTime() % 1_000_000;

		long t0 = System.nanoTime();
		List<Schedule> physicians = new ArrayList<>();
		List<Schedule> rooms = new ArrayList<>();
		for (int i = 0; i < pairs; i++) {
			physicians
				.add(open(department, ActorKind.PRACTITIONER, "Practitioner/bench-dr-" + department + i, first, until));
			rooms.add(open(department, ActorKind.LOCATION, "Location/bench-room-" + department + i, first, until));
		}
		List<PatientId> people = new ArrayList<>();
		String[] languages = { "nl", "fr", "en" };
		for (int i = 0; i < Math.max(1, count / 10); i++) {
			people.add(patients.register(new PatientData(List.of(), "Bench" + i, List.of("Patient"), null,
					LocalDate.of(1950 + i % 50, 1 + i % 12, 1 + i % 28), i % 2 == 0 ? Gender.FEMALE : Gender.MALE,
					Address.NONE, null, "bench" + i + "@example.org", languages[i % 3], false))
				.id());
		}
		int booked = 0;
		for (int p = 0; p < pairs && booked < count; p++) {
			List<Slot> doctor = free(physicians.get(p), first, first.plusDays(windowDays));
			List<Slot> room = free(rooms.get(p), first, first.plusDays(windowDays));
			for (int s = 0; s < doctor.size() && booked < count; s++) {
				appointments.book(new BookingRequest(people.get(booked % people.size()),
						List.of(doctor.get(s).id(), room.get(s).id()), null, false));
				booked++;
			}
		}
		report("setup", "{\"appointments\":" + booked + ",\"resources\":" + pairs * 2 + ",\"window_days\":" + windowDays
				+ ",\"seconds\":" + seconds(t0) + "}");
		long messagesBefore = messages();

		long t1 = System.nanoTime();
		RescheduleBatch batch = bulk.start(new RescheduleRequest(RescheduleScope.DEPARTMENT, null, department,
				BulkFixtures.start(first), BulkFixtures.start(first.plusDays(windowDays)), null, "Benchmark"));
		double proposals = seconds(t1);
		report("proposals", "{\"items\":" + batch.total() + ",\"proposed\":" + batch.count(ItemState.PROPOSED)
				+ ",\"no_slot\":" + batch.count(ItemState.NO_SLOT) + ",\"seconds\":" + proposals + "}");

		long t2 = System.nanoTime();
		bulk.confirm(batch.id());
		RescheduleBatch done = bulk.execute(batch.id(), 0);
		double execution = seconds(t2);
		long queued = messages() - messagesBefore;
		report("execute",
				"{\"rebooked\":" + done.count(ItemState.REBOOKED) + ",\"messages_queued\":" + queued + ",\"seconds\":"
						+ execution + ",\"per_second\":"
						+ String.format(Locale.ROOT, "%.1f", done.count(ItemState.REBOOKED) / execution) + "}");

		assertThat(done.status()).isEqualTo(BatchStatus.DONE);
		assertThat(done.count(ItemState.REBOOKED)).isEqualTo(booked);
		assertThat(queued).isEqualTo(booked);
	}

	private Schedule open(String department, ActorKind kind, String actor, LocalDate from, LocalDate until) {
		Schedule schedule = schedules
			.create(new NewSchedule(actor.substring(actor.indexOf('/') + 1), kind, actor, department, null));
		List<TemplateLine> week = new ArrayList<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			week.add(new TemplateLine(day, LocalTime.of(8, 0), LocalTime.of(18, 0), AppointmentType.CONSULTATION, 20));
		}
		schedules.setTemplate(schedule.id(), week, null);
		schedules.generate(schedule.id(), from, until);
		return schedule;
	}

	private List<Slot> free(Schedule schedule, LocalDate from, LocalDate to) {
		return availability.search(new SlotQuery(java.util.Set.of(schedule.id()), null, null,
				java.util.Set.of(SlotStatus.FREE), BulkFixtures.start(from), BulkFixtures.start(to), null), 100_000, 0);
	}

	private long messages() {
		return jdbc.sql("select count(*) from notification_outbox where kind = 'APPOINTMENT_RESCHEDULED'")
			.query(Long.class)
			.single();
	}

	private static double seconds(long since) {
		return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
	}

	private static void report(String phase, String json) throws IOException {
		String line = "{\"phase\":\"" + phase + "\"," + json.substring(1);
		System.out.println(line);
		String out = System.getProperty("bench.out");
		if (out != null) {
			Files.writeString(Path.of(out), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
	}

}
