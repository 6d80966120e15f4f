package continuum.scheduling;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo hospital's calendar: clinics, radiology devices and lab sampling points with
 * three months of slots and appointments, none double-booked, all valid R4.
 */
@ContinuumIntegrationTest
class SchedulingDemoDataIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDemoHospitalHasClinicsDevicesAndSamplingPointsWithThreeMonthsOfAppointments() {
		// The demo hospital is seeded before any test runs: its schedules have the lowest
		// ids.
		List<String> departments = jdbc.sql("""
				select distinct department from (select department from sched_schedule order by id limit 21) demo
				order by 1""").query(String.class).list();
		assertThat(departments).containsExactly("Cardiology", "Internal medicine", "Laboratory", "Neurology",
				"Radiology");
		List<String> devices = jdbc.sql("""
				select actor_reference from (select * from sched_schedule order by id limit 21) demo
				where actor_kind = 'DEVICE' order by 1""").query(String.class).list();
		assertThat(devices).containsExactly("Device/ct-1", "Device/ct-2", "Device/mri-1", "Device/mri-2", "Device/us-1",
				"Device/us-2");
		Instant lastSlot = jdbc.sql("""
				select max(s.starts_at) from sched_slot s join sched_schedule d on d.id = s.schedule_id
				where d.department = 'Radiology'""").query(Instant.class).single();
		assertThat(lastSlot).isAfter(Instant.now().plus(85, ChronoUnit.DAYS));
		assertThat(count("status = 'FULFILLED'")).isPositive();
		assertThat(count("status = 'BOOKED' and starts_at > now() + interval '60 days'")).isPositive();
		assertThat(count("status = 'CANCELLED'")).isPositive();
		assertThat(jdbc.sql("""
				select count(*) from (select slot_id from sched_booking where active and not overbook
				                      group by slot_id having count(*) > 1) doubles""").query(Integer.class).single())
			.isZero();
		assertThat(jdbc.sql("""
				select count(*) from sched_slot s where s.status = 'BUSY'
				and not exists (select 1 from sched_booking b where b.slot_id = s.id and b.active)""")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void demoAppointmentsAreValidR4ThroughTheApi() {
		IGenericClient physician = FhirTestSupport.client(port, "physician");
		Bundle page = physician.search()
			.byUrl("Appointment?actor=Device/ct-1&_count=20")
			.returnBundle(Bundle.class)
			.execute();
		assertThat(page.getEntry()).isNotEmpty();
		page.getEntry().forEach(e -> FhirTestSupport.assertValid(e.getResource()));
		assertThat(page.getEntry())
			.allSatisfy(e -> assertThat(((Appointment) e.getResource()).getParticipant()).hasSize(3));
	}

	private int count(String where) {
		return jdbc.sql("select count(*) from sched_appointment where " + where).query(Integer.class).single();
	}

}
