package continuum.imaging;

import java.time.Instant;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.lab.LabFixtures;
import continuum.patients.PatientId;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.scheduling.AppointmentId;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentStatus;
import continuum.scheduling.AppointmentType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Imaging orders through the service against the demo hospital's Radiology schedules:
 * identifiers at order time, one step per procedure booked as one appointment, a taken
 * time refused with nothing left behind, cancelling that frees the slot, the step's
 * progress ending the order, audit rows for every read and write.
 */
@ContinuumIntegrationTest
class ImagingOrderIntegrationTests {

	@Autowired
	ImagingOrderService orders;

	@Autowired
	ProcedureStepService steps;

	@Autowired
	AppointmentService appointments;

	@Autowired
	ImagingFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anOrderGetsItsIdentifiersAndABookedStep() {
		PatientId patient = fixtures.patient("Wouters", "Els");
		ImagingOrder order = fixtures.order(patient, "24725-4", null);

		assertThat(order.placerNumber()).startsWith("IO");
		assertThat(order.placerApplication()).isEqualTo("CONTINUUM");
		assertThat(order.orderedBy()).isEqualTo("physician");
		RequestedProcedure procedure = order.procedures().get(0);
		assertThat(procedure.accessionNumber()).matches("\\d{8}");
		assertThat(procedure.requestedProcedureId()).isEqualTo("RP" + procedure.accessionNumber());
		assertThat(procedure.studyInstanceUid()).startsWith("2.25.").hasSizeLessThanOrEqualTo(64);
		ProcedureStep step = procedure.step();
		assertThat(step.stepId()).isEqualTo("SPS" + procedure.accessionNumber());
		assertThat(step.modality()).isEqualTo("CT");
		assertThat(step.stationAeTitle()).isEqualTo("CT1");
		assertThat(step.status()).isEqualTo(StepStatus.SCHEDULED);
		assertThat(step.appointmentId()).isNotNull();
		var appointment = as("SCHEDULER", () -> appointments.get(new AppointmentId(step.appointmentId())));
		assertThat(appointment.patient()).isEqualTo(patient);
		assertThat(appointment.type()).isEqualTo(AppointmentType.CT);
		assertThat(appointment.start()).isEqualTo(step.start());
		assertThat(audited("CREATE", procedure.serviceRequestId())).isEqualTo(1);
	}

	@Test
	void aWalkInModalityIsNotBookedAndKeepsTheTimeAskedFor() {
		PatientId patient = fixtures.patient("Maes", "Lotte");
		Instant at = Instant.now().plusSeconds(7200).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		ImagingOrder order = fixtures.order(patient, "36643-5", at);
		ProcedureStep step = order.procedures().get(0).step();
		assertThat(step.modality()).isEqualTo("DX");
		assertThat(step.appointmentId()).isNull();
		assertThat(step.start()).isEqualTo(at);
	}

	@Test
	void aTakenTimeIsAConflictAndLeavesNothingBehind() {
		Instant start = fixtures.freeTimes(AppointmentType.MRI, 1).get(0).start();
		PatientId patient = fixtures.patient("Jacobs", "Anne");
		int placed = 0;
		Throwable refused = null;
		for (int i = 0; i < 4 && refused == null; i++) {
			try {
				fixtures.order(patient, "MR-BRAIN", start);
				placed++;
			}
			catch (ConflictException ex) {
				refused = ex;
			}
		}
		assertThat(refused).isNotNull().hasMessageContaining("no free slot").hasMessageContaining("free times");
		assertThat(placed).isBetween(1, 2);
		List<ImagingOrder> ofPatient = as("PHYSICIAN", () -> orders.forPatient(patient, 10));
		assertThat(ofPatient).hasSize(placed);
		assertThat(ofPatient).allSatisfy(o -> assertThat(o.procedures().get(0).step().start()).isEqualTo(start));
	}

	@Test
	void cancellingDiscontinuesTheStepAndCancelsItsAppointment() {
		PatientId patient = fixtures.patient("Claes", "Hilde");
		Instant start = fixtures.freeTimes(AppointmentType.ULTRASOUND, 1).get(0).start();
		ImagingOrder order = fixtures.order(patient, "US-ABD", start);
		long appointment = order.procedures().get(0).step().appointmentId();

		ImagingOrder cancelled = as("PHYSICIAN", () -> orders.cancel(order.id(), "Not needed any more", null));

		assertThat(cancelled.status()).isEqualTo(ImagingOrderStatus.REVOKED);
		assertThat(cancelled.cancelReason()).isEqualTo("Not needed any more");
		assertThat(cancelled.procedures().get(0).status()).isEqualTo(ProcedureStatus.CANCELLED);
		assertThat(cancelled.procedures().get(0).step().status()).isEqualTo(StepStatus.DISCONTINUED);
		assertThat(as("SCHEDULER", () -> appointments.get(new AppointmentId(appointment))).status())
			.isEqualTo(AppointmentStatus.CANCELLED);
		// The slot is free again: another patient gets exactly that time.
		ImagingOrder again = fixtures.order(fixtures.patient("Claes", "Bart"), "US-ABD", start);
		assertThat(again.procedures().get(0).step().start()).isEqualTo(start);
		assertThatThrownBy(() -> as("PHYSICIAN", () -> orders.cancel(order.id(), "again", null)))
			.isInstanceOf(ConflictException.class);
	}

	@Test
	void theStepsProgressEndsTheProcedureAndTheOrder() {
		PatientId patient = fixtures.patient("Goossens", "Ria");
		ImagingOrder order = fixtures.order(patient, "XR-KNEE", null);
		long step = order.procedures().get(0).step().id();

		as("RADIOGRAPHER", () -> {
			steps.start(step, null);
			return null;
		});
		ImagingOrder started = as("PHYSICIAN", () -> orders.get(order.id()));
		assertThat(started.procedures().get(0).status()).isEqualTo(ProcedureStatus.IN_PROGRESS);
		assertThatThrownBy(() -> as("PHYSICIAN", () -> orders.cancel(order.id(), "too late", null)))
			.isInstanceOf(ConflictException.class);
		as("RADIOGRAPHER", () -> {
			steps.complete(step);
			return null;
		});
		ImagingOrder done = as("PHYSICIAN", () -> orders.get(order.id()));
		assertThat(done.status()).isEqualTo(ImagingOrderStatus.COMPLETED);
		assertThat(done.procedures().get(0).step().status()).isEqualTo(StepStatus.COMPLETED);
		assertThat(done.version()).isGreaterThan(order.version());
		assertThatThrownBy(() -> as("RADIOGRAPHER", () -> {
			steps.discontinue(step);
			return null;
		})).isInstanceOf(ConflictException.class);
	}

	@Test
	void readsAreAuditedAndFoundByAccession() {
		PatientId patient = fixtures.patient("Dubois", "Amélie");
		ImagingOrder order = fixtures.order(patient, "XR-HAND", null);
		String accession = order.procedures().get(0).accessionNumber();

		ImagingOrder found = as("RADIOGRAPHER", () -> orders.findByAccession(accession)).orElseThrow();

		assertThat(found.id()).isEqualTo(order.id());
		assertThat(audited("READ", order.procedures().get(0).serviceRequestId())).isEqualTo(1);
		assertThat(as("PHYSICIAN", () -> orders.findByAccession("99999999"))).isEmpty();
	}

	@Test
	void badOrdersAreRefused() {
		PatientId patient = fixtures.patient("Peeters", "Jan");
		assertThatThrownBy(() -> fixtures.order(patient, "NOPE", null)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("NOPE");
		assertThatThrownBy(() -> fixtures.order(patient, "XR-KNEE", Instant.now().minusSeconds(86_400)))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> as("RADIOGRAPHER",
				() -> orders.place(NewImagingOrder.fromChart(patient,
						List.of(new NewImagingOrder.Wish("XR-KNEE", null)), ImagingPriority.ROUTINE, null))))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(as("PHYSICIAN", () -> orders.forPatient(patient, 10))).isEmpty();
	}

	private int audited(String action, String resourceId) {
		return jdbc
			.sql("select count(*) from audit_log where action = ? and resource_type = 'ServiceRequest' "
					+ "and resource_id = ?")
			.params(action, resourceId)
			.query(Integer.class)
			.single();
	}

}
