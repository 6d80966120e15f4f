package continuum.imaging.dimse;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.DicomAe;
import continuum.imaging.DicomPeer;
import continuum.imaging.DicomPeers;
import continuum.imaging.ImagingFixtures;
import continuum.imaging.ImagingOrder;
import continuum.imaging.ImagingOrderService;
import continuum.imaging.ImagingOrderStatus;
import continuum.imaging.ProcedureStatus;
import continuum.imaging.StepStatus;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.UidGenerator;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.NResponse;
import org.continuum.dicom.net.service.FindScu;
import org.continuum.dicom.net.service.MppsScu;
import org.continuum.dicom.net.service.PerformedProcedureStepStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MPPS on the server's AE, as a modality sends it (the library's MppsScu building the
 * attribute lists from the worklist item it found): N-CREATE IN PROGRESS starts the
 * scheduled step, N-SET COMPLETED or DISCONTINUED ends it with its requested procedure
 * and order; the step leaves the worklist; an unscheduled procedure is kept without
 * touching any step; the standard's refusals (a second N-CREATE of one instance, an N-SET
 * after the end) come back as DIMSE statuses.
 */
@ContinuumIntegrationTest
class ModalityPerformedProcedureStepIntegrationTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	@Autowired
	DicomAe ae;

	@Autowired
	ImagingFixtures fixtures;

	@Autowired
	ImagingOrderService orders;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DicomPeers peers;

	@Test
	void inProgressThenCompletedMovesTheStepTheProcedureAndTheOrder() throws Exception {
		Scheduled scheduled = scheduled();
		String uid = UidGenerator.uuidBased().next();
		try (Association as = connect()) {
			NResponse created = as.nCreate(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, uid,
					MppsScu.inProgress(scheduled.item(), "DX1", "PPS1", LocalDateTime.now(ZONE)));
			assertThat(created.status()).isZero();
			ImagingOrder started = reread(scheduled.order());
			assertThat(started.procedures().get(0).step().status()).isEqualTo(StepStatus.IN_PROGRESS);
			assertThat(started.procedures().get(0).step().mppsInstanceUid()).isEqualTo(uid);
			assertThat(started.procedures().get(0).status()).isEqualTo(ProcedureStatus.IN_PROGRESS);
			assertThat(worklist(as, scheduled.accession())).as("no longer on the worklist").isEmpty();
			assertThat(as
				.nCreate(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, uid,
						MppsScu.inProgress(scheduled.item(), "DX1", "PPS1", LocalDateTime.now(ZONE)))
				.status()).as("a second N-CREATE of one instance").isEqualTo(0x0111);

			NResponse ended = as.nSet(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, uid,
					MppsScu.end(PerformedProcedureStepStatus.COMPLETED, LocalDateTime.now(ZONE), List.of()));
			assertThat(ended.status()).isZero();
			ImagingOrder done = reread(scheduled.order());
			assertThat(done.procedures().get(0).step().status()).isEqualTo(StepStatus.COMPLETED);
			assertThat(done.procedures().get(0).status()).isEqualTo(ProcedureStatus.COMPLETED);
			assertThat(done.status()).isEqualTo(ImagingOrderStatus.COMPLETED);
			assertThat(as
				.nSet(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, uid,
						MppsScu.end(PerformedProcedureStepStatus.DISCONTINUED, LocalDateTime.now(ZONE), List.of()))
				.status()).as("no update after the end").isEqualTo(0x0110);
		}
		assertThat(jdbc.sql("select status from imaging_performed_step where sop_instance_uid = ?")
			.param(uid)
			.query(String.class)
			.single()).isEqualTo("COMPLETED");
	}

	@Test
	void discontinuedEndsTheStepDiscontinued() throws Exception {
		Scheduled scheduled = scheduled();
		String uid = UidGenerator.uuidBased().next();
		try (Association as = connect()) {
			assertThat(as
				.nCreate(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, uid,
						MppsScu.inProgress(scheduled.item(), "DX1", "PPS2", LocalDateTime.now(ZONE)))
				.status()).isZero();
			assertThat(as
				.nSet(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, uid,
						MppsScu.end(PerformedProcedureStepStatus.DISCONTINUED, LocalDateTime.now(ZONE), List.of()))
				.status()).isZero();
		}
		ImagingOrder after = reread(scheduled.order());
		assertThat(after.procedures().get(0).step().status()).isEqualTo(StepStatus.DISCONTINUED);
		assertThat(after.procedures().get(0).status()).isEqualTo(ProcedureStatus.DISCONTINUED);
	}

	@Test
	void anUnscheduledProcedureIsKeptAndChangesNoStep() throws Exception {
		Scheduled scheduled = scheduled();
		Attributes unscheduled = new Attributes();
		unscheduled.addAll(scheduled.item());
		unscheduled.setString(Tag.AccessionNumber, VR.SH, "");
		unscheduled.setString(Tag.StudyInstanceUID, VR.UI, UidGenerator.uuidBased().next());
		unscheduled.getSequence(Tag.ScheduledProcedureStepSequence)
			.get(0)
			.setString(Tag.ScheduledProcedureStepID, VR.SH, "");
		String uid = UidGenerator.uuidBased().next();
		try (Association as = connect()) {
			assertThat(as
				.nCreate(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, uid,
						MppsScu.inProgress(unscheduled, "DX1", "PPS3", LocalDateTime.now(ZONE)))
				.status()).isZero();
		}
		assertThat(reread(scheduled.order()).procedures().get(0).step().status()).isEqualTo(StepStatus.SCHEDULED);
		assertThat(jdbc.sql("select procedure_step_id is null from imaging_performed_step where sop_instance_uid = ?")
			.param(uid)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void aPeerWithoutTheMppsOrWorklistRightIsRefused() throws Exception {
		Scheduled scheduled = scheduled();
		String title = "NOMPPS" + (System.nanoTime() % 1000);
		as("IT_OPERATIONS", () -> {
			peers.save(new DicomPeer(title, "127.0.0.1", 104, false, true, false, false, false, false, false, false,
					null));
			return null;
		});
		try (Association as = new AssociationRequest(title, ae.aeTitle())
			.addContext(Uid.MODALITY_WORKLIST_FIND, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
			.addContext(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
			.connect("127.0.0.1", ae.port(), AssociationSettings.defaults(title))) {
			assertThat(as
				.nCreate(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, UidGenerator.uuidBased().next(),
						MppsScu.inProgress(scheduled.item(), "DX1", "PPS4", LocalDateTime.now(ZONE)))
				.status()).isEqualTo(0x0124);
			Attributes keys = new Attributes();
			keys.setString(Tag.AccessionNumber, VR.SH, scheduled.accession());
			assertThat(FindScu.find(as, Uid.MODALITY_WORKLIST_FIND, keys, m -> true)).isEqualTo(0x0124);
		}
		assertThat(reread(scheduled.order()).procedures().get(0).step().status()).isEqualTo(StepStatus.SCHEDULED);
	}

	/** A fresh patient's radiograph two days ahead and its worklist item. */
	private record Scheduled(ImagingOrder order, String accession, Attributes item) {
	}

	private Scheduled scheduled() throws Exception {
		PatientId patient = fixtures.patient("Mpps" + (char) ('a' + ThreadLocalRandom.current().nextInt(26)), "Lien");
		Instant start = LocalDateTime.now(ZONE).plusDays(2).withHour(11).withMinute(0).atZone(ZONE).toInstant();
		ImagingOrder order = fixtures.order(patient, "XR-KNEE", start);
		String accession = order.procedures().get(0).accessionNumber();
		try (Association as = connect()) {
			List<Attributes> items = worklist(as, accession);
			assertThat(items).hasSize(1);
			return new Scheduled(order, accession, items.get(0));
		}
	}

	private ImagingOrder reread(ImagingOrder order) {
		return as("PHYSICIAN", () -> orders.get(order.id()));
	}

	private static List<Attributes> worklist(Association as, String accession) throws Exception {
		Attributes keys = new Attributes();
		for (int tag : new int[] { Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex,
				Tag.StudyInstanceUID, Tag.RequestedProcedureID, Tag.RequestedProcedureDescription }) {
			keys.setString(tag, org.continuum.dicom.data.ElementDictionary.standard().vrOf(tag), "");
		}
		keys.setString(Tag.AccessionNumber, VR.SH, accession);
		keys.newSequence(Tag.RequestedProcedureCodeSequence);
		keys.newSequence(Tag.ScheduledProcedureStepSequence);
		return FindScu.findAll(as, Uid.MODALITY_WORKLIST_FIND, keys);
	}

	private Association connect() throws Exception {
		return new AssociationRequest("DX1", ae.aeTitle())
			.addContext(Uid.MODALITY_WORKLIST_FIND, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
			.addContext(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
			.connect("127.0.0.1", ae.port(), AssociationSettings.defaults("DX1"));
	}

}
