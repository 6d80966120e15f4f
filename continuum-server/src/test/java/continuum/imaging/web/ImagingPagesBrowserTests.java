package continuum.imaging.web;

import java.io.IOException;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.DicomAe;
import continuum.imaging.DicomPeers;
import continuum.imaging.pacs.PacsFixtures;
import continuum.patients.PatientService;
import continuum.web.BrowserSession;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.service.StoreScu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PACS quarantine and the DICOM peers in Chromium: a radiographer assigns a study of
 * an unknown accession number to the right order and rejects another; the IT team adds a
 * peer; a physician may open neither page.
 */
@ContinuumIntegrationTest
class ImagingPagesBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	DicomAe ae;

	@Autowired
	DicomPeers peers;

	@Autowired
	PatientService patients;

	@Autowired
	JdbcClient jdbc;

	@RegisterExtension
	final BrowserSession session = new BrowserSession(() -> port);

	@Test
	void aRadiographerAssignsAStudyToItsOrderAndRejectsAnother() throws Exception {
		var patient = patients.idsForDemo(12).get(11);
		String mrn = patients.get(patient).mrn();
		var order = PacsFixtures.order(jdbc, patient.value());
		String misfiled = PacsFixtures.uid();
		String stray = PacsFixtures.uid();
		try (Association as = connect()) {
			assertThat(StoreScu.store(as, PacsFixtures.ct(mrn, "TYPO" + System.nanoTime() % 100000, misfiled,
					PacsFixtures.uid(), PacsFixtures.uid(), 1024)))
				.isZero();
			assertThat(StoreScu.store(as,
					PacsFixtures.ct("NOSUCHMRN", "", stray, PacsFixtures.uid(), PacsFixtures.uid(), 1024)))
				.isZero();
		}
		long misfiledEntry = entry(misfiled);
		long strayEntry = entry(stray);

		session.signIn("radiographer");
		session.driver().get(session.url("/imaging/quarantine"));
		var row = session.driver().findElement(By.id("entry-" + misfiledEntry));
		assertThat(row.findElement(By.className("reason")).getText()).isEqualTo("UNKNOWN_ACCESSION");
		row.findElement(By.cssSelector(".assign-order input[name=accessionNumber]")).sendKeys(order.accessionNumber());
		row.findElement(By.cssSelector(".assign-order input[name=note]")).sendKeys("accession mistyped at the console");
		row.findElement(By.cssSelector(".assign-order button")).click();
		session.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "assigned to the order"));
		assertThat(session.driver().findElements(By.id("entry-" + misfiledEntry))).isEmpty();

		var strayRow = session.driver().findElement(By.id("entry-" + strayEntry));
		assertThat(strayRow.findElement(By.className("reason")).getText()).isEqualTo("UNKNOWN_PATIENT");
		strayRow.findElement(By.cssSelector(".reject input[name=note]")).sendKeys("test images sent by mistake");
		strayRow.findElement(By.cssSelector(".reject button")).click();
		session.await().until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "rejected"));

		assertThat(jdbc
			.sql("select status, patient_id, requested_procedure_id from pacs_study where study_instance_uid = :uid")
			.param("uid", misfiled)
			.query()
			.singleRow()).containsEntry("status", "RECONCILED")
			.containsEntry("patient_id", patient.value())
			.containsEntry("requested_procedure_id", order.requestedProcedureId());
		assertThat(jdbc.sql("select count(*) from pacs_study where study_instance_uid = :uid")
			.param("uid", stray)
			.query(Integer.class)
			.single()).isZero();
		assertThat(jdbc.sql("""
				select resolution || ' ' || resolved_by from pacs_quarantine where study_instance_uid = :uid""")
			.param("uid", stray)
			.query(String.class)
			.single()).isEqualTo("REJECTED radiographer");
		assertThat(jdbc.sql("""
				select count(*) from audit_log where resource_type = 'ImagingStudy' and action = 'UPDATE'
				and patient_id = :patient and detail like 'quarantine % resolved: ASSIGNED_ORDER'""")
			.param("patient", String.valueOf(patient.value()))
			.query(Integer.class)
			.single()).isOne();

		session.signIn("physician");
		session.driver().get(session.url("/imaging/quarantine"));
		assertThat(session.driver().findElements(By.id("quarantine"))).isEmpty();
		assertThat(session.driver().getTitle()).doesNotContain("PACS quarantine");
	}

	@Test
	void theItTeamAddsAPeer() throws Exception {
		String title = "CT" + System.nanoTime() % 100000;
		session.signIn("itops");
		session.driver().get(session.url("/imaging/peers"));
		session.driver().findElement(By.name("aeTitle")).sendKeys(title);
		session.driver().findElement(By.name("host")).sendKeys("10.1.2.3");
		session.driver().findElement(By.name("store")).click();
		session.driver().findElement(By.name("worklist")).click();
		session.driver().findElement(By.cssSelector("#peer-form button")).click();
		session.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "Peer " + title));
		assertThat(session.driver().findElement(By.id("peer-" + title)).getText()).contains("10.1.2.3").contains("104");
		assertThat(peers.peer(title)).hasValueSatisfying(p -> {
			assertThat(p.store()).isTrue();
			assertThat(p.worklist()).isTrue();
			assertThat(p.find()).isFalse();
		});

		session.signIn("physician");
		session.driver().get(session.url("/imaging/peers"));
		assertThat(session.driver().findElements(By.id("peers"))).isEmpty();
	}

	private long entry(String studyInstanceUid) {
		return jdbc.sql("select id from pacs_quarantine where study_instance_uid = :uid and resolution is null")
			.param("uid", studyInstanceUid)
			.query(Long.class)
			.single();
	}

	private Association connect() throws IOException {
		var rq = new AssociationRequest("MODALITY", ae.aeTitle()).addContext(Uid.CT_IMAGE_STORAGE,
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
		return rq.connect("127.0.0.1", ae.port(), AssociationSettings.defaults("MODALITY"));
	}

}
