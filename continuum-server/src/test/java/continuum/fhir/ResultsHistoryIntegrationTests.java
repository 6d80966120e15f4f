package continuum.fhir;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.hl7.MllpListener;
import continuum.imaging.ImagingReport;
import continuum.imaging.ImagingReportService;
import continuum.imaging.ImagingReportService.ReportText;
import continuum.imaging.ReportFixtures;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.LabResult;
import continuum.lab.ResultService;
import continuum.lab.ResultStage;
import continuum.lab.SpecimenService;
import continuum.lab.fhir.LabFhirFixtures;
import continuum.lab.hl7.simulator.SimulatedAnalyzer;
import continuum.lab.hl7.simulator.WorkOrder;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.privacy.RestrictionKind;
import continuum.privacy.RestrictionService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code _history} and vread of laboratory Observations and DiagnosticReports and of
 * radiology reports over HTTP, after real changes: a result sent by the analyzer over
 * MLLP and released, corrected by the clinical biologist, and sent again by the analyzer;
 * a radiology report drafted, signed and amended. {@code _since}, {@code _count} paging,
 * unknown and unreleased versions, restricted records and audit.
 */
@ContinuumIntegrationTest
class ResultsHistoryIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	LabOrderService orders;

	@Autowired
	SpecimenService specimens;

	@Autowired
	ResultService results;

	@Autowired
	ImagingReportService reports;

	@Autowired
	ReportFixtures radiology;

	@Autowired
	RestrictionService restrictions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MllpListener mllp;

	LabFhirFixtures lab;

	HistoryHttp physician;

	@BeforeEach
	void setUp() {
		lab = new LabFhirFixtures(patients, orders, specimens, results);
		physician = new HistoryHttp(port, "physician");
	}

	/**
	 * A CRP sent by the analyzer over MLLP (ORU^R01) at 12.3 and released (result version
	 * 3), corrected by the clinical biologist to 21.4 (4), then sent again by the
	 * analyzer as 30.0 (5: withdrawn from release until verified, 6, and released, 7).
	 */
	record Crp(PatientId patient, LabOrder order, LabResult result) {

		String id() {
			return result.id().asString();
		}

		String item() {
			return LabFhirFixtures.item(order, "1988-5").asString();
		}

	}

	Crp correctedCrp() throws Exception {
		PatientId patient = lab.patient();
		LabOrder order = lab.order(patient, "1988-5");
		lab.receiveAll(order);
		String accession = LabFhirFixtures.accession(order, "1988-5");
		try (SimulatedAnalyzer analyzer = SimulatedAnalyzer.connect("COBAS-PRO", "127.0.0.1", mllp.port(), 19)) {
			WorkOrder work = analyzer.query(accession).orElseThrow();
			assertThat(SimulatedAnalyzer.ackCode(analyzer.send(analyzer.resultMessage(work, Map.of("1988-5", "12.3")))))
				.isEqualTo("AA");
			LabResult released = lab.release(entered(accession));
			lab.correct(released, "21.4");
			assertThat(SimulatedAnalyzer.ackCode(analyzer.send(analyzer.resultMessage(work, Map.of("1988-5", "30.0")))))
				.isEqualTo("AA");
			return new Crp(patient, order, lab.release(entered(accession)));
		}
	}

	/** The CRP of the specimen as the analyzer's message left it (entered). */
	LabResult entered(String accession) {
		return LabFhirFixtures.as("labtech", "LAB_TECHNOLOGIST",
				() -> results.queue(ResultStage.ENTERED, null, 10_000)
					.stream()
					.filter(r -> r.accession().equals(accession) && r.test().code().equals("1988-5"))
					.findFirst()
					.orElseThrow());
	}

	static String value(Bundle.BundleEntryComponent entry) {
		return ((Observation) entry.getResource()).getValueQuantity().getValue().toPlainString();
	}

	@Test
	void anObservationsHistoryListsItsReleasedVersionsNewestFirst() throws Exception {
		Crp crp = correctedCrp();

		Bundle history = physician.history("Observation/" + crp.id() + "/_history");

		assertThat(history.getTotal()).isEqualTo(3);
		assertThat(HistoryHttp.versions(history)).containsExactly("7", "4", "3");
		assertThat(history.getEntry()).extracting(ResultsHistoryIntegrationTests::value)
			.containsExactly("30.0", "21.4", "12.3");
		assertThat(HistoryHttp.methods(history)).containsExactly(Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.PUT,
				Bundle.HTTPVerb.POST);
		assertThat(history.getEntryFirstRep().getResponse().getEtag()).isEqualTo("W/\"7\"");
		HistoryHttp.assertNewestFirst(history);
		Observation current = physician.read(Observation.class, "Observation/" + crp.id());
		assertThat(current.getMeta().getVersionId()).isEqualTo("7");

		Observation first = physician.read(Observation.class, "Observation/" + crp.id() + "/_history/3");
		assertThat(first.getValueQuantity().getValue()).isEqualByComparingTo("12.3");
		assertThat(first.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
		Observation corrected = physician.read(Observation.class, "Observation/" + crp.id() + "/_history/4");
		assertThat(corrected.getStatus()).isEqualTo(Observation.ObservationStatus.CORRECTED);
		// Entered and verified values never left the laboratory: no version of the
		// Observation.
		physician.refused("Observation/" + crp.id() + "/_history/5", 404);
		physician.refused("Observation/" + crp.id() + "/_history/1", 404);
		physician.refused("Observation/" + crp.id() + "/_history/99", 404);
		physician.refused("Observation/987654321/_history", 404);

		assertThat(jdbc.sql("""
				select count(*) from audit_log where resource_type = 'Observation' and resource_id = :id
				  and action = 'READ' and outcome = 'SUCCESS' and detail = 'history: 3 of 3 versions'""")
			.param("id", crp.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void countPagesAnObservationsHistoryAndSinceLeavesOutOlderVersions() throws Exception {
		Crp crp = correctedCrp();
		Observation corrected = physician.read(Observation.class, "Observation/" + crp.id() + "/_history/4");

		Bundle page = physician.history("Observation/" + crp.id() + "/_history?_count=2");
		assertThat(HistoryHttp.versions(page)).containsExactly("7", "4");
		Bundle rest = physician.history(HistoryHttp.next(page));
		assertThat(HistoryHttp.versions(rest)).containsExactly("3");

		Bundle since = physician.history("Observation/" + crp.id() + "/_history?_since="
				+ HistoryHttp.instant(corrected.getMeta().getLastUpdated().toInstant()));
		assertThat(HistoryHttp.versions(since)).containsExactly("7", "4");
		physician.refused("Observation/" + crp.id() + "/_history?_since=yesterday", 400);
		physician.refused("Observation/" + crp.id() + "/_history?_at=2020", 400);
	}

	@Test
	void aLaboratoryReportsVersionsAreTheMomentsItsResultsChanged() throws Exception {
		Crp crp = correctedCrp();

		// Released (1), corrected (2), withdrawn while the analyzer's value waited for
		// release (3: a deletion, no result released), released again (4).
		Bundle history = physician.history("DiagnosticReport/" + crp.item() + "/_history");

		assertThat(history.getTotal()).isEqualTo(4);
		assertThat(HistoryHttp.versions(history)).containsExactly("4", "3", "2", "1");
		assertThat(HistoryHttp.methods(history)).containsExactly(Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.DELETE,
				Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.POST);
		assertThat(history.getEntry().get(1).hasResource()).isFalse();
		DiagnosticReport first = (DiagnosticReport) history.getEntry().get(3).getResource();
		assertThat(first.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
		assertThat(first.getResultFirstRep().getReference()).isEqualTo("Observation/" + crp.id());
		DiagnosticReport current = physician.read(DiagnosticReport.class, "DiagnosticReport/" + crp.item());
		assertThat(current.getMeta().getVersionId()).isEqualTo("4");
		assertThat(current.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.CORRECTED);

		DiagnosticReport corrected = physician.read(DiagnosticReport.class,
				"DiagnosticReport/" + crp.item() + "/_history/2");
		assertThat(corrected.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.CORRECTED);
		physician.refused("DiagnosticReport/" + crp.item() + "/_history/3", 410);
		physician.refused("DiagnosticReport/" + crp.item() + "/_history/5", 404);
		assertThat(jdbc.sql("""
				select count(*) from audit_log where resource_type = 'DiagnosticReport' and resource_id = :id
				  and action = 'READ' and detail = 'history: 4 of 4 versions'""")
			.param("id", crp.item())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aRadiologyReportsHistoryShowsWhatTheCallerMaySee() throws Exception {
		ReportFixtures.Procedure procedure = radiology.procedure(radiology.patient(), ReportFixtures.CT_CODE, "ROUTINE",
				"COMPLETED", Instant.now().minusSeconds(600));
		ImagingReport draft = as("RADIOLOGIST",
				() -> reports.saveDraft(procedure.id(), null, new ReportText("No focal lesion.", "")));
		ImagingReport signed = as("RADIOLOGIST", () -> reports.sign(procedure.id(), draft.version(),
				new ReportText("No focal lesion.", "Normal chest CT.")));
		ImagingReport amended = as("RADIOLOGIST", () -> reports.amend(procedure.id(), signed.version(),
				new ReportText("Small nodule.", "4 mm nodule; no follow-up needed."), "Nodule missed"));
		String id = amended.id().asString();

		Bundle seen = physician.history("DiagnosticReport/" + id + "/_history");
		assertThat(HistoryHttp.versions(seen)).containsExactly("3", "2");
		assertThat(((DiagnosticReport) seen.getEntry().get(1).getResource()).getConclusion())
			.isEqualTo("Normal chest CT.");
		assertThat(((DiagnosticReport) seen.getEntry().get(0).getResource()).getStatus())
			.isEqualTo(DiagnosticReport.DiagnosticReportStatus.AMENDED);
		HistoryHttp.assertNewestFirst(seen);
		physician.refused("DiagnosticReport/" + id + "/_history/1", 404);
		DiagnosticReport signedVersion = physician.read(DiagnosticReport.class,
				"DiagnosticReport/" + id + "/_history/2");
		assertThat(signedVersion.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
		assertThat(signedVersion.getResultsInterpreterFirstRep().getIdentifier().getValue()).isEqualTo("radiologist");

		HistoryHttp radiologist = new HistoryHttp(port, "radiologist");
		assertThat(HistoryHttp.versions(radiologist.history("DiagnosticReport/" + id + "/_history")))
			.containsExactly("3", "2", "1");
		physician.refused("DiagnosticReport/img-987654321/_history", 404);
	}

	@Test
	void aTypesHistoryMergesLaboratoryAndRadiologyReportsNewestFirstAndPages() throws Exception {
		Instant before = Instant.now().minusSeconds(1);
		Crp crp = correctedCrp();
		ReportFixtures.Procedure procedure = radiology.procedure(radiology.patient(), ReportFixtures.CT_CODE, "ROUTINE",
				"COMPLETED", Instant.now().minusSeconds(600));
		ImagingReport signed = as("RADIOLOGIST",
				() -> reports.sign(procedure.id(), null, new ReportText("Clear lungs.", "Normal.")));

		Bundle all = physician.history("DiagnosticReport/_history?_count=500&_since=" + HistoryHttp.instant(before));
		assertThat(HistoryHttp.ids(all)).contains(crp.item(), signed.id().asString());
		assertThat(all.getTotal()).isGreaterThanOrEqualTo(5);
		HistoryHttp.assertNewestFirst(all);

		Bundle first = physician.history("DiagnosticReport/_history?_count=2&_since=" + HistoryHttp.instant(before));
		Bundle second = physician.history(HistoryHttp.next(first));
		assertThat(first.getEntry()).hasSize(2);
		assertThat(first.getTotal()).isEqualTo(all.getTotal());
		List<String> paged = new java.util.ArrayList<>(HistoryHttp.versionKeys(first));
		paged.addAll(HistoryHttp.versionKeys(second));
		assertThat(paged).containsExactlyElementsOf(HistoryHttp.versionKeys(all).subList(0, paged.size()));

		Bundle observations = physician
			.history("Observation/_history?_count=500&_since=" + HistoryHttp.instant(before));
		assertThat(HistoryHttp.ids(observations)).contains(crp.id());
		HistoryHttp.assertNewestFirst(observations);
		assertThat(jdbc.sql("""
				select count(*) from audit_log where resource_type = 'Observation' and action = 'SEARCH'
				  and patient_id = :patient and detail like 'history:%'""")
			.param("patient", crp.patient().asString())
			.query(Integer.class)
			.single()).isPositive();
	}

	@Test
	void aRestrictedRecordsVersionsAreRefusedAndLeftOutOfTheTypesHistory() throws Exception {
		Instant before = Instant.now().minusSeconds(1);
		Crp crp = correctedCrp();
		restrictions.restrict(crp.patient(), RestrictionKind.VIP);

		physician.refused("Observation/" + crp.id() + "/_history", 403);
		physician.refused("Observation/" + crp.id() + "/_history/3", 403);
		physician.refused("DiagnosticReport/" + crp.item() + "/_history", 403);
		physician.refused("DiagnosticReport/" + crp.item() + "/_history/1", 403);
		String since = HistoryHttp.instant(before);
		assertThat(HistoryHttp.ids(physician.history("Observation/_history?_count=500&_since=" + since)))
			.doesNotContain(crp.id());
		assertThat(HistoryHttp.ids(physician.history("DiagnosticReport/_history?_count=500&_since=" + since)))
			.doesNotContain(crp.item());
		assertThat(jdbc.sql("""
				select count(*) from audit_log where resource_type = 'Observation' and resource_id = :id
				  and outcome <> 'SUCCESS'""").param("id", crp.id()).query(Integer.class).single()).isPositive();
	}

}
