package continuum.imaging.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IClientExecutable;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import continuum.imaging.ImagingReport;
import continuum.imaging.ImagingReportService;
import continuum.imaging.ImagingReportService.ReportText;
import continuum.imaging.ReportFixtures;
import continuum.imaging.ReportFixtures.Procedure;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.ResultService;
import continuum.lab.SpecimenService;
import continuum.lab.fhir.LabFhirFixtures;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * FHIR ImagingStudy from the PACS index and radiology's DiagnosticReports beside the
 * laboratory's: every resource valid R4, every search parameter, the category choosing
 * the source, merged paging without one, and the error cases as OperationOutcomes.
 */
@ContinuumIntegrationTest
class ImagingFhirIntegrationTests {

	static final Instant RECEIVED = Instant.parse("2026-03-01T09:40:00Z");

	@LocalServerPort
	int port;

	@Autowired
	ReportFixtures fixtures;

	@Autowired
	ImagingReportService reports;

	@Autowired
	PatientService patientService;

	@Autowired
	LabOrderService orders;

	@Autowired
	SpecimenService specimens;

	@Autowired
	ResultService results;

	@Autowired
	JdbcClient jdbc;

	IGenericClient physician;

	@BeforeEach
	void clients() {
		physician = FhirTestSupport.client(port, "physician");
	}

	/** A CT (2 series of 3 instances, 1 March 2026 10:30 Brussels) and an MR study. */
	record Scenario(PatientId patient, Procedure ct, long ctStudy, Procedure mr, long mrStudy) {
	}

	Scenario scenario() {
		PatientId patient = fixtures.patient();
		Procedure ct = fixtures.procedure(patient, ReportFixtures.CT_CODE, "ROUTINE", "COMPLETED", RECEIVED);
		long ctStudy = fixtures.study(ct, "CT", LocalDate.of(2026, 3, 1), LocalTime.of(10, 30), 2, 3, RECEIVED);
		Procedure mr = fixtures.procedure(patient, ReportFixtures.MR_CODE, "ROUTINE", "COMPLETED", RECEIVED);
		long mrStudy = fixtures.study(mr, "MR", LocalDate.of(2025, 11, 8), LocalTime.of(14, 0), 1, 1, RECEIVED);
		return new Scenario(patient, ct, ctStudy, mr, mrStudy);
	}

	@Test
	void readsAValidImagingStudyWithItsSeriesAndDicomWebEndpoint() {
		Scenario s = scenario();
		ImagingStudy study = physician.read().resource(ImagingStudy.class).withId(Long.toString(s.ctStudy())).execute();
		FhirTestSupport.assertValid(study);
		assertThat(study.getStatus()).isEqualTo(ImagingStudy.ImagingStudyStatus.AVAILABLE);
		assertThat(study.getIdentifier()).extracting(i -> i.getSystem() + "|" + i.getValue())
			.containsExactly("urn:dicom:uid|urn:oid:" + s.ct().studyUid(),
					"urn:continuum:imaging:accession|" + s.ct().accession());
		assertThat(study.getSubject().getReference()).isEqualTo("Patient/" + s.patient().asString());
		assertThat(study.getStarted().toInstant()).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
		assertThat(study.getModalityFirstRep().getCode()).isEqualTo("CT");
		assertThat(study.getNumberOfSeries()).isEqualTo(2);
		assertThat(study.getNumberOfInstances()).isEqualTo(6);
		assertThat(study.getSeries()).hasSize(2);
		assertThat(study.getSeriesFirstRep().getInstance()).hasSize(3);
		assertThat(study.getSeriesFirstRep().getInstanceFirstRep().getSopClass().getCode())
			.isEqualTo("urn:oid:1.2.840.10008.5.1.4.1.1.2");
		assertThat(study.getBasedOnFirstRep().getIdentifier().getValue()).isEqualTo(s.ct().accession());
		assertThat(study.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/img-" + s.ct().id());
		assertThat(study.getProcedureCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo(ReportFixtures.CT_CODE);
		Endpoint endpoint = (Endpoint) study.getContained().get(0);
		assertThat(study.getEndpointFirstRep().getReference()).isEqualTo("#wado");
		assertThat(endpoint.getConnectionType().getCode()).isEqualTo("dicom-wado-rs");
		assertThat(endpoint.getAddress()).isEqualTo("http://127.0.0.1:" + port + "/dicomweb");
	}

	@Test
	void searchesImagingStudiesByEveryParameter() {
		Scenario s = scenario();
		String ct = Long.toString(s.ctStudy());
		String mr = Long.toString(s.mrStudy());
		String p = "patient=" + s.patient().asString();
		assertThat(ids(studies(p))).containsExactly(ct, mr);
		assertThat(ids(studies("subject=Patient/" + s.patient().asString()))).containsExactly(ct, mr);
		Bundle withPatient = studies(p + "&_include=ImagingStudy:patient");
		assertThat(ids(withPatient)).containsExactly(ct, mr);
		assertThat(withPatient.getEntry()
			.stream()
			.filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
			.map(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())).as("the patient, once")
			.containsExactly("Patient/" + s.patient().asString());
		assertThat(ids(studies("identifier=urn:dicom:uid|urn:oid:" + s.ct().studyUid()))).containsExactly(ct);
		assertThat(ids(studies("identifier=urn:oid:" + s.mr().studyUid()))).containsExactly(mr);
		assertThat(ids(studies("identifier=" + s.mr().accession()))).containsExactly(mr);
		assertThat(ids(studies("identifier=urn:continuum:imaging:accession|" + s.ct().accession())))
			.containsExactly(ct);
		assertThat(ids(studies("identifier=http://other|" + s.ct().accession()))).isEmpty();
		assertThat(ids(studies(p + "&started=2026-03-01"))).containsExactly(ct);
		assertThat(ids(studies(p + "&started=lt2026-01-01"))).containsExactly(mr);
		assertThat(ids(studies(p + "&modality=MR"))).containsExactly(mr);
		assertThat(ids(studies(p + "&modality=http://dicom.nema.org/resources/ontology/DCM|CT"))).containsExactly(ct);
		assertThat(ids(studies(p + "&status=available"))).containsExactly(ct, mr);
		assertThat(ids(studies(p + "&status=cancelled"))).isEmpty();
		Bundle firstPage = studies(p + "&_count=1");
		assertThat(firstPage.getTotal()).isEqualTo(2);
		assertThat(ids(firstPage)).containsExactly(ct);
		assertThat(ids(studies(p + "&_count=1&_offset=1"))).containsExactly(mr);
		studies(p).getEntry().forEach(e -> FhirTestSupport.assertValid(e.getResource()));
	}

	@Test
	void answersUnknownAndQuarantinedStudiesAndRefusedRolesWithAnOperationOutcome() {
		Scenario s = scenario();
		jdbc.sql("update pacs_study set status = 'QUARANTINED' where id = ?").param(s.mrStudy()).update();
		assertOutcome(failure(physician.read().resource(ImagingStudy.class).withId(Long.toString(s.mrStudy()))), 404,
				"No imaging study");
		assertOutcome(failure(physician.read().resource(ImagingStudy.class).withId("999999999")), 404,
				"No imaging study");
		IGenericClient scheduler = FhirTestSupport.client(port, "scheduler");
		assertOutcome(failure(scheduler.read().resource(ImagingStudy.class).withId(Long.toString(s.ctStudy()))), 403,
				"");
		assertThat(ids(studies("patient=" + s.patient().asString()))).containsExactly(Long.toString(s.ctStudy()));
	}

	@Test
	void servesRadiologyReportsAsValidDiagnosticReports() {
		Scenario s = scenario();
		ImagingReport signed = as("RADIOLOGIST", () -> reports.sign(s.ct().id(), null,
				new ReportText("Clear lungs. No effusion.", "Normal chest CT — é ü accents kept.")));
		ImagingReport preliminary = as("RADIOLOGIST",
				() -> reports.savePreliminary(s.mr().id(), null, new ReportText("Wet read.", "No bleed.")));
		DiagnosticReport report = physician.read()
			.resource(DiagnosticReport.class)
			.withId(signed.id().asString())
			.execute();
		FhirTestSupport.assertValid(report);
		assertThat(report.getIdElement().getIdPart()).isEqualTo(signed.id().asString());
		assertThat(report.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
		assertThat(report.getCategoryFirstRep().getCoding()).extracting(c -> c.getCode())
			.containsExactly("RAD", "LP29684-5");
		assertThat(report.getConclusion()).isEqualTo("Normal chest CT — é ü accents kept.");
		assertThat(new String(report.getPresentedFormFirstRep().getData(), StandardCharsets.UTF_8))
			.contains("Clear lungs. No effusion.")
			.contains("Normal chest CT — é ü accents kept.");
		assertThat(report.getImagingStudyFirstRep().getReference()).isEqualTo("ImagingStudy/" + s.ctStudy());
		assertThat(report.getResultsInterpreterFirstRep().getIdentifier().getValue()).isEqualTo("radiologist");
		DiagnosticReport wet = physician.read()
			.resource(DiagnosticReport.class)
			.withId(preliminary.id().asString())
			.execute();
		FhirTestSupport.assertValid(wet);
		assertThat(wet.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.PRELIMINARY);

		as("RADIOLOGIST", () -> reports.amend(s.ct().id(), signed.version(),
				new ReportText("Clear lungs. Small effusion.", "Small effusion."), "effusion"));
		DiagnosticReport amended = physician.read()
			.resource(DiagnosticReport.class)
			.withId(signed.id().asString())
			.execute();
		FhirTestSupport.assertValid(amended);
		assertThat(amended.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.AMENDED);
	}

	@Test
	void searchesReportsOfBothModulesByCategoryAndPagesThroughThemTogether() {
		LabFhirFixtures lab = new LabFhirFixtures(patientService, orders, specimens, results);
		PatientId patient = LabFhirFixtures.as("physician", "PHYSICIAN", lab::patient);
		LabOrder order = lab.order(patient, "1988-5");
		lab.receiveAll(order);
		lab.release(lab.enter(order, "1988-5", "1988-5", "4.2"));
		String labId = LabFhirFixtures.item(order, "1988-5").asString();
		Procedure ct = fixtures.procedure(patient, ReportFixtures.CT_CODE, "ROUTINE", "COMPLETED", RECEIVED);
		Procedure mr = fixtures.procedure(patient, ReportFixtures.MR_CODE, "ROUTINE", "COMPLETED", RECEIVED);
		Procedure draftOnly = fixtures.procedure(patient, ReportFixtures.CT_CODE, "ROUTINE", "COMPLETED", RECEIVED);
		String ctId = as("RADIOLOGIST",
				() -> reports.sign(ct.id(), null, new ReportText("Findings.", "Impression.")).id().asString());
		String mrId = as("RADIOLOGIST",
				() -> reports.savePreliminary(mr.id(), null, new ReportText("Findings.", "")).id().asString());
		String draftId = as("RADIOLOGIST",
				() -> reports.saveDraft(draftOnly.id(), null, new ReportText("Draft.", "")).id().asString());
		String p = "patient=" + patient.asString();

		assertThat(ids(reportSearch(p))).containsExactly(labId, mrId, ctId);
		assertThat(reportSearch(p).getTotal()).isEqualTo(3);
		assertThat(ids(reportSearch(p + "&category=RAD"))).containsExactlyInAnyOrder(ctId, mrId);
		assertThat(ids(reportSearch(p + "&category=http://terminology.hl7.org/CodeSystem/v2-0074|RAD")))
			.containsExactlyInAnyOrder(ctId, mrId);
		assertThat(ids(reportSearch(p + "&category=http://loinc.org|LP29684-5"))).containsExactlyInAnyOrder(ctId, mrId);
		assertThat(ids(reportSearch(p + "&category=LAB"))).containsExactly(labId);
		assertThat(ids(reportSearch(p + "&status=final"))).containsExactlyInAnyOrder(labId, ctId);
		assertThat(ids(reportSearch(p + "&status=preliminary"))).containsExactly(mrId);
		assertThat(ids(reportSearch(p + "&code=" + ReportFixtures.MR_CODE))).containsExactly(mrId);
		assertThat(ids(reportSearch("based-on=ServiceRequest/img-" + ct.id()))).containsExactly(ctId);
		assertThat(ids(reportSearch("based-on=ServiceRequest/" + labId))).containsExactly(labId);
		assertThat(ids(reportSearch(p + "&_count=1"))).containsExactly(labId);
		assertThat(ids(reportSearch(p + "&_count=1&_offset=1"))).containsExactly(mrId);
		assertThat(ids(reportSearch(p + "&_count=2&_offset=1"))).containsExactly(mrId, ctId);
		assertThat(reportSearch(p + "&_count=1&_offset=2").getTotal()).isEqualTo(3);
		Bundle withPatient = reportSearch(p + "&category=RAD&_include=DiagnosticReport:patient");
		assertThat(withPatient.getEntry()).extracting(e -> e.getResource().fhirType())
			.containsExactlyInAnyOrder("DiagnosticReport", "DiagnosticReport", "Patient");
		withPatient.getEntry().forEach(e -> FhirTestSupport.assertValid(e.getResource()));

		assertOutcome(failure(physician.read().resource(DiagnosticReport.class).withId(draftId)), 404,
				"No report " + draftId);
		assertOutcome(failure(physician.read().resource(DiagnosticReport.class).withId("img-x")), 404,
				"No radiology report");
		assertOutcome(failure(physician.read().resource(DiagnosticReport.class).withId("img-999999999")), 404,
				"No report");
	}

	static BaseServerResponseException failure(IClientExecutable<?, ?> request) {
		return catchThrowableOfType(BaseServerResponseException.class, request::execute);
	}

	static void assertOutcome(BaseServerResponseException failure, int status, String text) {
		assertThat(failure).as("expected HTTP " + status).isNotNull();
		assertThat(failure.getStatusCode()).isEqualTo(status);
		OperationOutcome outcome = (OperationOutcome) failure.getOperationOutcome();
		assertThat(outcome).isNotNull();
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(text);
	}

	private Bundle studies(String query) {
		return physician.search().byUrl("ImagingStudy?" + query).returnBundle(Bundle.class).execute();
	}

	private Bundle reportSearch(String query) {
		return physician.search().byUrl("DiagnosticReport?" + query).returnBundle(Bundle.class).execute();
	}

	private static List<String> ids(Bundle bundle) {
		return bundle.getEntry()
			.stream()
			.filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
			.map(Bundle.BundleEntryComponent::getResource)
			.map(Resource::getIdElement)
			.map(id -> id.getIdPart())
			.toList();
	}

}
