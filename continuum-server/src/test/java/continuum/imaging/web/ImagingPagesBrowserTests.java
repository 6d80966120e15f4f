package continuum.imaging.web;

import java.io.IOException;
import java.time.Duration;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.DicomAe;
import continuum.imaging.DicomPeers;
import continuum.imaging.pacs.PacsFixtures;
import continuum.patients.PatientService;
import continuum.web.Browser;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.service.StoreScu;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
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

	ChromeDriver browser;

	WebDriverWait wait;

	@BeforeEach
	void openBrowser() throws Exception {
		browser = Browser.start();
		wait = new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

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

		signIn("radiographer");
		browser.get(url("/imaging/quarantine"));
		var row = browser.findElement(By.id("entry-" + misfiledEntry));
		assertThat(row.findElement(By.className("reason")).getText()).isEqualTo("UNKNOWN_ACCESSION");
		row.findElement(By.cssSelector(".assign-order input[name=accessionNumber]")).sendKeys(order.accessionNumber());
		row.findElement(By.cssSelector(".assign-order input[name=note]")).sendKeys("accession mistyped at the console");
		row.findElement(By.cssSelector(".assign-order button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "assigned to the order"));
		assertThat(browser.findElements(By.id("entry-" + misfiledEntry))).isEmpty();

		var strayRow = browser.findElement(By.id("entry-" + strayEntry));
		assertThat(strayRow.findElement(By.className("reason")).getText()).isEqualTo("UNKNOWN_PATIENT");
		strayRow.findElement(By.cssSelector(".reject input[name=note]")).sendKeys("test images sent by mistake");
		strayRow.findElement(By.cssSelector(".reject button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "rejected"));

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

		signIn("physician");
		browser.get(url("/imaging/quarantine"));
		assertThat(browser.findElements(By.id("quarantine"))).isEmpty();
		assertThat(browser.getTitle()).doesNotContain("PACS quarantine");
	}

	@Test
	void theItTeamAddsAPeer() throws Exception {
		String title = "CT" + System.nanoTime() % 100000;
		signIn("itops");
		browser.get(url("/imaging/peers"));
		browser.findElement(By.name("aeTitle")).sendKeys(title);
		browser.findElement(By.name("host")).sendKeys("10.1.2.3");
		browser.findElement(By.name("store")).click();
		browser.findElement(By.name("worklist")).click();
		browser.findElement(By.cssSelector("#peer-form button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "Peer " + title));
		assertThat(browser.findElement(By.id("peer-" + title)).getText()).contains("10.1.2.3").contains("104");
		assertThat(peers.peer(title)).hasValueSatisfying(p -> {
			assertThat(p.store()).isTrue();
			assertThat(p.worklist()).isTrue();
			assertThat(p.find()).isFalse();
		});

		signIn("physician");
		browser.get(url("/imaging/peers"));
		assertThat(browser.findElements(By.id("peers"))).isEmpty();
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

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	private void signIn(String username) {
		browser.manage().deleteAllCookies();
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(ContinuumIntegrationTest.DEMO_PASSWORD);
		browser.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

}
