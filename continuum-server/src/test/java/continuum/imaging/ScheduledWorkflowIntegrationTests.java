package continuum.imaging;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.ImagingReportService.ReportText;
import continuum.imaging.pacs.PacsFixtures;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.web.WebSession;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.ElementDictionary;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.UidGenerator;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.service.FindScu;
import org.continuum.dicom.net.service.MppsScu;
import org.continuum.dicom.net.service.PerformedProcedureStepStatus;
import org.continuum.dicom.net.service.ReferencedSop;
import org.continuum.dicom.net.service.StorageCommitmentResult;
import org.continuum.dicom.net.service.StorageCommitmentScu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * IHE Scheduled Workflow end to end, as a department runs it: an order placed in the
 * chart; the modality finds it on the worklist (dcmtk {@code findscu -W}); MPPS in
 * progress; the images sent with dcmtk {@code storescu} and reconciled to the order; MPPS
 * completed; storage commitment of every image; the radiologist's final report; the
 * report in the patient's chart, and the study in FHIR.
 */
@ContinuumIntegrationTest
class ScheduledWorkflowIntegrationTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	@Autowired
	DicomAe ae;

	@Autowired
	ImagingFixtures fixtures;

	@Autowired
	ImagingOrderService orders;

	@Autowired
	ImagingReportService reports;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void anOrderIsPerformedStoredCommittedReportedAndShownInTheChart(@TempDir Path images) throws Exception {
		PatientId patient = fixtures.patient("Swf" + (char) ('a' + ThreadLocalRandom.current().nextInt(26)), "Maarten");
		String mrn = as("PHYSICIAN", () -> patients.get(patient)).mrn();
		Instant start = LocalDateTime.now(ZONE).plusDays(3).withHour(10).withMinute(20).atZone(ZONE).toInstant();
		ImagingOrder order = fixtures.order(patient, "XR-KNEE", start);
		RequestedProcedure procedure = order.procedures().get(0);
		String accession = procedure.accessionNumber();

		// RAD-5: the modality's worklist query, from dcmtk.
		String worklist = run("findscu", "-W", "-aet", "DX1", "-aec", ae.aeTitle(), "127.0.0.1",
				String.valueOf(ae.port()), "-k", "AccessionNumber=" + accession, "-k", "PatientID", "-k",
				"StudyInstanceUID", "-k", "ScheduledProcedureStepSequence[0].Modality");
		assertThat(worklist).contains(accession, mrn, procedure.studyInstanceUid());

		String mpps = UidGenerator.uuidBased().next();
		List<ReferencedSop> sent = new ArrayList<>();
		try (Association as = modality()) {
			Attributes item = worklistItem(as, accession);
			// RAD-6: MPPS in progress.
			assertThat(as
				.nCreate(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, mpps,
						MppsScu.inProgress(item, "DX1", "PPS" + accession, LocalDateTime.now(ZONE)))
				.status()).isZero();
			assertThat(reread(order).procedures().get(0).status()).isEqualTo(ProcedureStatus.IN_PROGRESS);

			// RAD-8: the images, written as the modality would and sent by dcmtk.
			String series = PacsFixtures.uid();
			for (int i = 1; i <= 3; i++) {
				Attributes image = PacsFixtures.ct(item.getString(Tag.PatientID), accession,
						item.getString(Tag.StudyInstanceUID), series, PacsFixtures.uid(), 2048);
				image.setString(Tag.InstanceNumber, VR.IS, String.valueOf(i));
				PacsFixtures.writeFile(images, image);
				sent.add(new ReferencedSop(Uid.CT_IMAGE_STORAGE, image.getString(Tag.SOPInstanceUID)));
			}
			String stored = run("storescu", "-aet", "DX1", "-aec", ae.aeTitle(), "127.0.0.1", String.valueOf(ae.port()),
					"+sd", images.toString());
			assertThat(stored).doesNotContainIgnoringCase("error");

			// RAD-7: MPPS completed.
			assertThat(as
				.nSet(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, mpps,
						MppsScu.end(PerformedProcedureStepStatus.COMPLETED, LocalDateTime.now(ZONE), List.of()))
				.status()).isZero();
		}
		assertThat(reread(order).status()).isEqualTo(ImagingOrderStatus.COMPLETED);
		assertThat(jdbc.sql("""
				select s.status || '/' || (s.patient_id = :patient) || '/' || (s.requested_procedure_id = :rp)
				|| '/' || s.instance_count from pacs_study s where s.study_instance_uid = :study""")
			.param("patient", patient.value())
			.param("rp", procedure.id())
			.param("study", procedure.studyInstanceUid())
			.query(String.class)
			.single()).isEqualTo("RECONCILED/true/true/3");

		// RAD-10: storage commitment of every image.
		StorageCommitmentResult commitment;
		try (Association as = new AssociationRequest("DX1", ae.aeTitle())
			.addContext(Uid.STORAGE_COMMITMENT_PUSH_MODEL, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
			.connect("127.0.0.1", ae.port(), AssociationSettings.defaults("DX1"))) {
			commitment = StorageCommitmentScu.commit(as, UidGenerator.uuidBased().next(), sent);
		}
		assertThat(commitment.committed()).containsExactlyInAnyOrderElementsOf(sent);
		assertThat(commitment.failed()).isEmpty();

		// The radiologist reads and signs; the chart shows the report.
		assertThat(WebSession.signIn(port, "radiologist").get("/imaging/reading").body())
			.contains("reading-" + procedure.id());
		as("RADIOLOGIST", () -> reports.sign(procedure.id(), null,
				new ReportText("Three views of the knee.", "No fracture or effusion.")));
		HttpResponse<String> chart = WebSession.signIn(port, "physician")
			.get("/patients/" + patient.asString() + "/imaging/summary");
		assertThat(chart.statusCode()).isEqualTo(200);
		assertThat(chart.body()).contains(accession, "No fracture or effusion.");
		assertThat(chart.body()).contains("/imaging/studies/" + procedure.studyInstanceUid() + "/view");
	}

	private ImagingOrder reread(ImagingOrder order) {
		return as("PHYSICIAN", () -> orders.get(order.id()));
	}

	private Association modality() throws Exception {
		return new AssociationRequest("DX1", ae.aeTitle())
			.addContext(Uid.MODALITY_WORKLIST_FIND, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
			.addContext(Uid.MODALITY_PERFORMED_PROCEDURE_STEP, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
			.connect("127.0.0.1", ae.port(), AssociationSettings.defaults("DX1"));
	}

	private static Attributes worklistItem(Association as, String accession) throws Exception {
		Attributes keys = new Attributes();
		for (int tag : new int[] { Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex,
				Tag.StudyInstanceUID, Tag.RequestedProcedureID, Tag.RequestedProcedureDescription }) {
			keys.setString(tag, ElementDictionary.standard().vrOf(tag), "");
		}
		keys.setString(Tag.AccessionNumber, VR.SH, accession);
		keys.newSequence(Tag.RequestedProcedureCodeSequence);
		keys.newSequence(Tag.ScheduledProcedureStepSequence);
		List<Attributes> items = FindScu.findAll(as, Uid.MODALITY_WORKLIST_FIND, keys);
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	private static String run(String... command) throws Exception {
		var builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("TCP_NODELAY", "1");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
