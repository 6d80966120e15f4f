package continuum.continuity.node;

import java.time.Instant;
import java.time.LocalDate;
import java.io.ByteArrayInputStream;
import java.time.LocalTime;
import java.util.List;

import ca.uhn.fhir.rest.client.api.IGenericClient;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import continuum.imaging.ImagingReport;
import continuum.imaging.ImagingReportService;
import continuum.imaging.ImagingReportService.ReportText;
import continuum.imaging.ImagingStudyChanged;
import continuum.imaging.ReportFixtures;
import continuum.imaging.ReportFixtures.Procedure;
import continuum.imaging.pacs.PacsFixtures;
import continuum.imaging.pacs.PacsStore;
import continuum.imaging.pacs.StoreOutcome;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.continuum.dicom.io.TransferSyntax;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed radiology reports reach downtime nodes as DiagnosticReport records (with the
 * report text), by id and through the change feed; a preliminary or withdrawn one is
 * answered deleted. Study changes enter the feed as ImagingStudy, from a real store into
 * the PACS too, and the stored study is served as a valid ImagingStudy. The demo has
 * signed reports and studies left to read.
 */
@ContinuumIntegrationTest
class ReportExportIntegrationTests {

	static final Instant AT = Instant.parse("2026-02-28T22:30:00Z");

	@LocalServerPort
	int port;

	@Autowired
	ReportFixtures fixtures;

	@Autowired
	ImagingReportService reports;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	continuum.changes.ChangeFeed feed;

	@Autowired
	PacsStore pacs;

	@Autowired
	PatientService patients;

	DowntimeApi api;

	String system;

	@BeforeEach
	void signIn() {
		api = new DowntimeApi(port);
		system = FhirTestSupport.token(port, "interface");
	}

	@Test
	void aSignedReportIsARecordWithItsTextAndAnUnsignedOneIsDeleted() throws Exception {
		Procedure signedProcedure = fixtures.procedure(fixtures.patient(), ReportFixtures.CT_CODE, "ROUTINE",
				"COMPLETED", AT);
		Procedure wet = fixtures.procedure(signedProcedure.patient(), ReportFixtures.MR_CODE, "ROUTINE", "COMPLETED",
				AT);
		long head = api.get("/api/downtime/manifest", system).body().get("feedHead").asLong();
		ImagingReport signed = as("RADIOLOGIST", () -> reports.sign(signedProcedure.id(), null,
				new ReportText("Lungs clear.\nNo effusion.", "Normal chest CT.")));
		ImagingReport preliminary = as("RADIOLOGIST",
				() -> reports.savePreliminary(wet.id(), null, new ReportText("Wet read.", "")));
		JsonNode records = records(signed.id().asString(), preliminary.id().asString());
		JsonNode record = records.get(0);
		assertThat(record.get("deleted").asBoolean()).isFalse();
		assertThat(record.get("id").asString()).isEqualTo(signed.id().asString());
		assertThat(record.get("patientId").asString()).isEqualTo(signedProcedure.patient().asString());
		JsonNode data = record.get("data");
		assertThat(data.get("status").asString()).isEqualTo("final");
		assertThat(data.get("name").asString()).isEqualTo("CT Chest");
		assertThat(data.get("modality").asString()).isEqualTo("CT");
		assertThat(data.get("accession").asString()).isEqualTo(signedProcedure.accession());
		assertThat(data.get("findings").asString()).isEqualTo("Lungs clear.\nNo effusion.");
		assertThat(data.get("impression").asString()).isEqualTo("Normal chest CT.");
		assertThat(data.get("verifiedBy").asString()).isEqualTo("radiologist");
		assertThat(data.get("issued").asString()).isEqualTo(signed.verifiedAt().toString());
		assertThat(records.get(1).get("deleted").asBoolean()).isTrue();
		assertThat(announced(head, "DiagnosticReport", signed.id().asString())).isTrue();
		assertThat(announced(head, "DiagnosticReport", preliminary.id().asString())).isFalse();

		as("RADIOLOGIST", () -> reports.enteredInError(signedProcedure.id(), signed.version(), "wrong patient"));
		assertThat(records(signed.id().asString()).get(0).get("deleted").asBoolean()).isTrue();
		assertThat(api.get("/api/downtime/records?type=DiagnosticReport&ids=12", system).status()).isEqualTo(400);
	}

	@Test
	void studyChangesEnterTheFeed() throws Exception {
		Procedure procedure = fixtures.procedure(fixtures.patient(), ReportFixtures.CT_CODE, "ROUTINE", "COMPLETED",
				AT);
		long head = api.get("/api/downtime/manifest", system).body().get("feedHead").asLong();
		long study = transactions.execute(tx -> {
			long id = fixtures.study(procedure, "CT", LocalDate.of(2026, 2, 28), LocalTime.of(23, 30), 1, 1, AT);
			events.publishEvent(new ImagingStudyChanged(id));
			return id;
		});
		transactions.executeWithoutResult(tx -> {
			jdbc.sql("update pacs_study set status = 'QUARANTINED' where id = ?").param(study).update();
			events.publishEvent(new ImagingStudyChanged(study));
		});
		assertThat(jdbc
			.sql("select operation || ':' || coalesce(patient_id, '-') from change_feed"
					+ " where resource_type = 'ImagingStudy' and resource_id = ? order by id")
			.param(Long.toString(study))
			.query(String.class)
			.list()).containsExactly("UPDATE:" + procedure.patient().asString(), "DELETE:-");
		assertThat(announced(head, "ImagingStudy", Long.toString(study))).isTrue();
	}

	@Test
	void aStoredStudyEntersTheFeedWhenNewAndForEachNewSeriesAndIsServedAsImagingStudy() throws Exception {
		PatientId patient = fixtures.patient();
		String mrn = patients.summary(patient).mrn();
		PacsFixtures.Ordered order = PacsFixtures.order(jdbc, patient.value());
		long head = api.get("/api/downtime/manifest", system).body().get("feedHead").asLong();
		String first = PacsFixtures.uid();
		String second = PacsFixtures.uid();
		for (String series : List.of(first, first, first, second)) {
			StoreOutcome stored = pacs.store(
					new ByteArrayInputStream(PacsFixtures.encode(PacsFixtures.ct(mrn, order.accessionNumber(),
							order.studyInstanceUid(), series, PacsFixtures.uid(), 512))),
					TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), null, "TESTSCU");
			assertThat(stored.status()).isZero();
		}
		long study = jdbc.sql("select id from pacs_study where study_instance_uid = ?")
			.param(order.studyInstanceUid())
			.query(Long.class)
			.single();
		feed.sequencePending();
		assertThat(jdbc
			.sql("select operation || ':' || patient_id from change_feed"
					+ " where resource_type = 'ImagingStudy' and resource_id = ? order by id")
			.param(Long.toString(study))
			.query(String.class)
			.list()).containsExactly("UPDATE:" + patient.asString(), "UPDATE:" + patient.asString());
		assertThat(announced(head, "ImagingStudy", Long.toString(study))).isTrue();
		IGenericClient physician = FhirTestSupport.client(port, "physician");
		ImagingStudy served = physician.read().resource(ImagingStudy.class).withId(Long.toString(study)).execute();
		FhirTestSupport.assertValid(served);
		assertThat(served.getNumberOfSeries()).isEqualTo(2);
		assertThat(served.getNumberOfInstances()).isEqualTo(4);
		assertThat(served.getBasedOnFirstRep().getReference())
			.isEqualTo("ServiceRequest/img-" + order.requestedProcedureId());
	}

	@Test
	void theDemoHasSignedReportsAndStudiesLeftToRead() {
		assertThat(jdbc.sql("select count(*) from imaging_report where status = 'FINAL'").query(Integer.class).single())
			.isGreaterThanOrEqualTo(5);
		assertThat(jdbc.sql("""
				select count(*) from imaging_requested_procedure rp where rp.status = 'COMPLETED'
				and not exists (select 1 from imaging_report r where r.requested_procedure_id = rp.id
				                and r.status in ('FINAL', 'AMENDED'))""").query(Integer.class).single()).isPositive();
		assertThat(jdbc.sql("select count(*) from imaging_report_version").query(Integer.class).single())
			.isGreaterThanOrEqualTo(jdbc.sql("select count(*) from imaging_report").query(Integer.class).single());
	}

	private boolean announced(long head, String type, String id) throws Exception {
		feed.sequencePending();
		JsonNode changes = api.get("/api/changes?after=" + head + "&limit=5000", system).body().get("changes");
		for (JsonNode change : changes) {
			if (change.get("resourceType").asString().equals(type) && change.get("resourceId").asString().equals(id)) {
				return true;
			}
		}
		return false;
	}

	private JsonNode records(String... ids) throws Exception {
		DowntimeApi.Answer answer = api.get("/api/downtime/records?type=DiagnosticReport&ids=" + String.join(",", ids),
				system);
		assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
		return answer.body().get("records");
	}

}
