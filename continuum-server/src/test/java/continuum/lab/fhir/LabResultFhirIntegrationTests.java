package continuum.lab.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.LabResult;
import continuum.lab.ResultId;
import continuum.lab.ResultReport;
import continuum.lab.ResultService;
import continuum.lab.ResultStatus;
import continuum.lab.SpecimenService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static continuum.lab.fhir.ServiceRequestFhirIntegrationTests.assertOutcome;
import static continuum.lab.fhir.ServiceRequestFhirIntegrationTests.failure;
import static continuum.lab.fhir.ServiceRequestFhirIntegrationTests.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * FHIR Observation and DiagnosticReport show released results only, and Specimen the
 * specimens they were measured on: every resource valid R4, every search parameter and
 * include, corrections, and the roles that may not read results.
 */
@ContinuumIntegrationTest
class LabResultFhirIntegrationTests {

	/** When the analyzer measured the CRP: a day that is never the day the test runs. */
	static final Instant MEASURED = Instant.parse("2020-02-29T08:15:00Z");

	@LocalServerPort
	int port;

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

	LabFhirFixtures fixtures;

	IGenericClient physician;

	@BeforeEach
	void setUp() {
		fixtures = new LabFhirFixtures(patientService, orders, specimens, results);
		physician = FhirTestSupport.client(port, "physician");
	}

	/**
	 * An order of CRP (from the analyzer), troponin (beyond the measuring range), a
	 * pregnancy test (text), a blood count (only haemoglobin released) and an INR
	 * (entered, never released).
	 */
	record Scenario(PatientId patient, LabOrder order, LabResult crp, LabResult troponin, LabResult hcg, LabResult hb,
			LabResult inr) {

		String item(String orderable) {
			return LabFhirFixtures.item(order, orderable).asString();
		}

	}

	Scenario scenario() {
		PatientId patient = fixtures.patient();
		LabOrder order = fixtures.order(patient, "1988-5", "67151-1", "2106-3", "58410-2", "6301-6");
		fixtures.receiveAll(order);
		ResultId measured = LabFhirFixtures.as("labtech", "LAB_TECHNOLOGIST",
				() -> results.record(List.of(new ResultReport(LabFhirFixtures.accession(order, "1988-5"), null,
						"1988-5", "12.3", "mg/L", ResultStatus.FINAL, MEASURED, "Immunoturbidimetry", "COBAS-PRO"))))
			.get(0);
		LabResult crp = LabFhirFixtures.as("labtech", "LAB_TECHNOLOGIST", () -> results.get(measured));
		return new Scenario(patient, order, fixtures.release(crp),
				fixtures.release(fixtures.enter(order, "67151-1", "67151-1", "<3")),
				fixtures.release(fixtures.enter(order, "2106-3", "2106-3", "Negative")),
				fixtures.release(fixtures.enter(order, "58410-2", "718-7", "13.1")),
				fixtures.enter(order, "6301-6", "6301-6", "1.0"));
	}

	@Test
	void aReleasedResultIsAValidObservationWithValueRangeFlagAnalyzerAndRelease() {
		Scenario s = scenario();
		Observation crp = physician.read().resource(Observation.class).withId(s.crp().id().asString()).execute();
		FhirTestSupport.assertValid(crp);
		assertThat(crp.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
		assertThat(crp.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("laboratory");
		assertThat(crp.getCode().getCodingFirstRep().getCode()).isEqualTo("1988-5");
		Quantity value = crp.getValueQuantity();
		assertThat(value.getValue()).isEqualByComparingTo(new BigDecimal("12.3"));
		assertThat(value.getSystem()).isEqualTo("http://unitsofmeasure.org");
		assertThat(value.getCode()).isEqualTo("mg/L");
		assertThat(crp.getReferenceRangeFirstRep().getHigh().getValue()).isEqualByComparingTo("5");
		assertThat(crp.getReferenceRangeFirstRep().hasLow()).isFalse();
		assertThat(crp.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("H");
		assertThat(crp.getDevice().getDisplay()).isEqualTo("COBAS-PRO");
		assertThat(crp.getMethod().getText()).isEqualTo("Immunoturbidimetry");
		assertThat(crp.getPerformerFirstRep().getIdentifier().getValue()).isEqualTo("labmed");
		assertThat(crp.getEffectiveDateTimeType().getValue().toInstant()).isEqualTo(MEASURED);
		assertThat(crp.getIssued().toInstant())
			.isEqualTo(s.crp().releasedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
		assertThat(crp.getSpecimen().getReference())
			.isEqualTo("Specimen/" + LabFhirFixtures.accession(s.order(), "1988-5"));
		assertThat(crp.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/" + s.item("1988-5"));
		Observation troponin = physician.read()
			.resource(Observation.class)
			.withId(s.troponin().id().asString())
			.execute();
		FhirTestSupport.assertValid(troponin);
		assertThat(troponin.getValueQuantity().getComparator()).isEqualTo(Quantity.QuantityComparator.LESS_THAN);
		assertThat(troponin.getValueQuantity().getValue()).isEqualByComparingTo("3");
		Observation hcg = physician.read().resource(Observation.class).withId(s.hcg().id().asString()).execute();
		FhirTestSupport.assertValid(hcg);
		assertThat(hcg.getValueStringType().getValue()).isEqualTo("Negative");
		assertThat(hcg.getReferenceRangeFirstRep().getText()).isEqualTo("Negative");
		assertThat(hcg.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("N");
		long audited = jdbc
			.sql("select count(*) from audit_log where username = 'physician' and resource_type = 'Observation' "
					+ "and resource_id = :id and action = 'READ'")
			.param("id", s.crp().id().asString())
			.query(Long.class)
			.single();
		assertThat(audited).isEqualTo(1);
	}

	@Test
	void anUnreleasedResultIsNotFoundNotSearchedAndNotInAReport() {
		Scenario s = scenario();
		for (String user : List.of("physician", "labtech", "labmed")) {
			assertOutcome(
					failure(FhirTestSupport.client(port, user)
						.read()
						.resource(Observation.class)
						.withId(s.inr().id().asString())),
					404, "No laboratory result with id " + s.inr().id().asString());
		}
		assertThat(ids(observations("patient=" + s.patient().asString()))).containsExactlyInAnyOrder(
				s.crp().id().asString(), s.troponin().id().asString(), s.hcg().id().asString(), s.hb().id().asString());
		assertThat(ids(observations("based-on=ServiceRequest/" + s.item("6301-6")))).isEmpty();
		assertOutcome(failure(physician.read().resource(DiagnosticReport.class).withId(s.item("6301-6"))), 404,
				"No laboratory report");
		assertThat(ids(reports("patient=" + s.patient().asString()))).containsExactlyInAnyOrder(s.item("1988-5"),
				s.item("67151-1"), s.item("2106-3"), s.item("58410-2"));
		DiagnosticReport count = physician.read().resource(DiagnosticReport.class).withId(s.item("58410-2")).execute();
		assertThat(count.getResult()).extracting(r -> r.getReference())
			.containsExactly("Observation/" + s.hb().id().asString());
		assertThat(count.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.PARTIAL);
	}

	@Test
	void searchesObservationsByEveryParameterWithPatientAndSpecimenIncluded() {
		Scenario s = scenario();
		String p = "patient=" + s.patient().asString();
		String crp = s.crp().id().asString();
		assertThat(ids(observations(p + "&code=http://loinc.org|1988-5"))).containsExactly(crp);
		assertThat(ids(observations(p + "&code=1988-5"))).containsExactly(crp);
		assertThat(ids(observations(p + "&code=http://snomed.info/sct|1988-5"))).isEmpty();
		assertThat(ids(observations(p + "&date=2020-02-29"))).containsExactly(crp);
		assertThat(ids(observations(p + "&date=lt2020-03-01"))).containsExactly(crp);
		assertThat(ids(observations(p + "&date=ge2020-03-01"))).hasSize(3).doesNotContain(crp);
		assertThat(ids(observations(p + "&status=final"))).hasSize(4);
		assertThat(ids(observations(p + "&status=corrected,preliminary"))).isEmpty();
		assertThat(ids(observations(p + "&status=amended"))).isEmpty();
		assertThat(ids(observations(p + "&category=laboratory"))).hasSize(4);
		assertThat(ids(
				observations(p + "&category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory")))
			.hasSize(4);
		assertThat(ids(observations(p + "&category=vital-signs"))).isEmpty();
		String released = s.hb().updatedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
		assertThat(ids(observations(p + "&_lastUpdated=ge" + released))).contains(s.hb().id().asString());
		assertThat(ids(observations(p + "&_lastUpdated=gt2099-01-01"))).isEmpty();
		String accession = LabFhirFixtures.accession(s.order(), "1988-5");
		assertThat(ids(observations("specimen=Specimen/" + accession))).containsExactlyInAnyOrder(crp,
				s.troponin().id().asString());
		assertThat(ids(observations("based-on=ServiceRequest/" + s.item("2106-3"))))
			.containsExactly(s.hcg().id().asString());
		assertThat(ids(observations("based-on=" + s.item("2106-3")))).containsExactly(s.hcg().id().asString());
		Bundle page = observations(p + "&_include=Observation:patient&_include=Observation:specimen&_count=2");
		assertThat(page.getTotal()).isEqualTo(4);
		assertThat(ids(page)).hasSize(2);
		List<Resource> included = page.getEntry()
			.stream()
			.filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
			.map(Bundle.BundleEntryComponent::getResource)
			.toList();
		assertThat(included).filteredOn(r -> r instanceof Patient).hasSize(1);
		assertThat(included).filteredOn(r -> r instanceof Specimen).isNotEmpty();
		page.getEntry().forEach(e -> FhirTestSupport.assertValid(e.getResource()));
		long audited = jdbc
			.sql("select count(*) from audit_log where username = 'physician' and resource_type = 'Observation' "
					+ "and action = 'SEARCH' and patient_id = :p")
			.param("p", s.patient().asString())
			.query(Long.class)
			.single();
		// The 12 searches above that reached the service; a token of another system
		// matches nothing and reads nothing.
		assertThat(audited).isEqualTo(12);
	}

	@Test
	void reportsOneDiagnosticReportPerItemWithItsReleasedResultsAndIncludes() {
		Scenario s = scenario();
		DiagnosticReport crp = physician.read().resource(DiagnosticReport.class).withId(s.item("1988-5")).execute();
		FhirTestSupport.assertValid(crp);
		assertThat(crp.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
		assertThat(crp.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("LAB");
		assertThat(crp.getCode().getCodingFirstRep().getCode()).isEqualTo("1988-5");
		assertThat(crp.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/" + s.item("1988-5"));
		assertThat(crp.getResultFirstRep().getReference()).isEqualTo("Observation/" + s.crp().id().asString());
		assertThat(crp.getSpecimenFirstRep().getReference())
			.isEqualTo("Specimen/" + LabFhirFixtures.accession(s.order(), "1988-5"));
		assertThat(crp.getEffectiveDateTimeType().getValue().toInstant()).isEqualTo(MEASURED);
		String p = "patient=" + s.patient().asString();
		assertThat(ids(reports(p + "&status=partial"))).containsExactly(s.item("58410-2"));
		assertThat(ids(reports(p + "&status=final"))).hasSize(3);
		assertThat(ids(reports(p + "&code=http://loinc.org|58410-2"))).containsExactly(s.item("58410-2"));
		assertThat(ids(reports(p + "&date=2020-02-29"))).containsExactly(s.item("1988-5"));
		assertThat(ids(reports(p + "&category=LAB"))).hasSize(4);
		assertThat(ids(reports(p + "&category=http://terminology.hl7.org/CodeSystem/v2-0074|RAD"))).isEmpty();
		assertThat(ids(reports("based-on=ServiceRequest/" + s.item("2106-3")))).containsExactly(s.item("2106-3"));
		assertThat(ids(reports(p + "&_lastUpdated=gt2099-01-01"))).isEmpty();
		Bundle bundle = reports(p + "&code=1988-5&_include=DiagnosticReport:result&_include=DiagnosticReport:specimen"
				+ "&_include=DiagnosticReport:patient");
		assertThat(bundle.getEntry().stream().map(e -> e.getResource().fhirType()).collect(Collectors.toList()))
			.containsExactlyInAnyOrder("DiagnosticReport", "Observation", "Specimen", "Patient");
		bundle.getEntry().forEach(e -> FhirTestSupport.assertValid(e.getResource()));
	}

	@Test
	void aCorrectionMarksTheObservationAndItsReportCorrected() {
		Scenario s = scenario();
		fixtures.correct(s.crp(), "21.4");
		Observation crp = physician.read().resource(Observation.class).withId(s.crp().id().asString()).execute();
		FhirTestSupport.assertValid(crp);
		assertThat(crp.getStatus()).isEqualTo(Observation.ObservationStatus.CORRECTED);
		assertThat(crp.getValueQuantity().getValue()).isEqualByComparingTo("21.4");
		DiagnosticReport report = physician.read().resource(DiagnosticReport.class).withId(s.item("1988-5")).execute();
		assertThat(report.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.CORRECTED);
		String p = "patient=" + s.patient().asString();
		assertThat(ids(observations(p + "&status=corrected"))).containsExactly(s.crp().id().asString());
		assertThat(ids(reports(p + "&status=corrected"))).containsExactly(s.item("1988-5"));
	}

	@Test
	void specimensAreReadAndSearchedAndARejectedOneIsUnavailableWithItsCondition() {
		PatientId patient = fixtures.patient();
		LabOrder order = fixtures.order(patient, "1988-5", "6301-6");
		String serum = LabFhirFixtures.accession(order, "1988-5");
		String citrate = LabFhirFixtures.accession(order, "6301-6");
		LabFhirFixtures.as("nurse", "NURSE", () -> specimens.collect(serum, null));
		LabFhirFixtures.as("labtech", "LAB_TECHNOLOGIST",
				() -> specimens.receive(serum, continuum.lab.SpecimenCondition.ACCEPTABLE, null));
		String recollection = LabFhirFixtures
			.as("labtech", "LAB_TECHNOLOGIST",
					() -> specimens.receive(citrate, continuum.lab.SpecimenCondition.HAEMOLYSED, null))
			.accession();
		Specimen received = physician.read().resource(Specimen.class).withId(serum).execute();
		FhirTestSupport.assertValid(received);
		assertThat(received.getStatus()).isEqualTo(Specimen.SpecimenStatus.AVAILABLE);
		assertThat(received.getAccessionIdentifier().getValue()).isEqualTo(serum);
		assertThat(received.getType().getCodingFirstRep().getSystem())
			.isEqualTo("http://terminology.hl7.org/CodeSystem/v2-0487");
		assertThat(received.getType().getCodingFirstRep().getCode()).isEqualTo("SER");
		assertThat(received.getCollection().getCollector().getIdentifier().getValue()).isEqualTo("nurse");
		assertThat(received.getCollection().hasCollectedDateTimeType()).isTrue();
		assertThat(received.hasReceivedTime()).isTrue();
		assertThat(received.getRequestFirstRep().getReference())
			.isEqualTo("ServiceRequest/" + LabFhirFixtures.item(order, "1988-5").asString());
		Specimen rejected = physician.read().resource(Specimen.class).withId(citrate).execute();
		FhirTestSupport.assertValid(rejected);
		assertThat(rejected.getStatus()).isEqualTo(Specimen.SpecimenStatus.UNAVAILABLE);
		assertThat(rejected.getConditionFirstRep().getCodingFirstRep().getSystem())
			.isEqualTo("http://terminology.hl7.org/CodeSystem/v2-0493");
		assertThat(rejected.getConditionFirstRep().getCodingFirstRep().getCode()).isEqualTo("HEM");
		assertThat(rejected.getNoteFirstRep().getText()).startsWith("Rejected: ");
		Specimen fresh = physician.read().resource(Specimen.class).withId(recollection).execute();
		FhirTestSupport.assertValid(fresh);
		assertThat(fresh.hasStatus()).isFalse();
		String p = "patient=" + patient.asString();
		assertThat(ids(specimenSearch(p))).containsExactlyInAnyOrder(serum, citrate, recollection);
		assertThat(ids(specimenSearch(p + "&status=available"))).containsExactly(serum);
		assertThat(ids(specimenSearch(p + "&status=unavailable"))).containsExactly(citrate);
		assertThat(ids(specimenSearch(p + "&status=entered-in-error"))).isEmpty();
		assertThat(ids(specimenSearch("accession=urn:continuum:lab:accession|" + citrate))).containsExactly(citrate);
		assertThat(ids(specimenSearch("accession=" + serum))).containsExactly(serum);
		assertThat(ids(specimenSearch(p + "&_lastUpdated=gt2099-01-01"))).isEmpty();
		Bundle withPatient = specimenSearch(p + "&_include=Specimen:patient");
		assertThat(ids(withPatient)).containsExactlyInAnyOrder(serum, citrate, recollection);
		assertThat(withPatient.getEntry()
			.stream()
			.filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
			.map(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())).as("the patient, once")
			.containsExactly("Patient/" + patient.asString());
		assertOutcome(failure(physician.read().resource(Specimen.class).withId("007")), 404, "");
	}

	@Test
	void aRadiographerMayNotReadResultsAndAnInterfaceMayReadThem() {
		Scenario s = scenario();
		IGenericClient radiographer = FhirTestSupport.client(port, "radiographer");
		assertOutcome(failure(radiographer.read().resource(Observation.class).withId(s.crp().id().asString())), 403,
				"");
		assertOutcome(failure(radiographer.search()
			.byUrl("Observation?patient=" + s.patient().asString())
			.returnBundle(Bundle.class)), 403, "");
		assertOutcome(failure(radiographer.read().resource(DiagnosticReport.class).withId(s.item("1988-5"))), 403, "");
		IGenericClient system = FhirTestSupport.client(port, "interface");
		assertThat(system.read().resource(Observation.class).withId(s.crp().id().asString()).execute().getIdPart())
			.isEqualTo(s.crp().id().asString());
	}

	@Test
	void theCapabilityStatementListsTheLaboratoryTypesAndTheirSearches() {
		CapabilityStatement statement = physician.capabilities().ofType(CapabilityStatement.class).execute();
		FhirTestSupport.assertValid(statement);
		assertThat(searches(statement, "ServiceRequest")).contains("patient", "code", "status", "authored",
				"_lastUpdated", "requisition");
		assertThat(searches(statement, "Specimen")).contains("patient", "accession", "status");
		assertThat(searches(statement, "Observation")).contains("patient", "code", "date", "status", "category",
				"_lastUpdated", "specimen", "based-on");
		assertThat(searches(statement, "DiagnosticReport")).contains("patient", "code", "date", "status", "category",
				"based-on");
		var serviceRequest = statement.getRestFirstRep()
			.getResource()
			.stream()
			.filter(r -> r.getType().equals("ServiceRequest"))
			.findFirst()
			.orElseThrow();
		assertThat(serviceRequest.getInteraction().stream().map(i -> i.getCode().toCode())).contains("read", "create",
				"update", "search-type");
		assertThat(serviceRequest.getSearchInclude().stream().map(i -> i.getValue()))
			.contains("ServiceRequest:patient");
	}

	private static List<String> searches(CapabilityStatement statement, String type) {
		return statement.getRestFirstRep()
			.getResource()
			.stream()
			.filter(r -> r.getType().equals(type))
			.flatMap(r -> r.getSearchParam().stream())
			.map(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName)
			.toList();
	}

	private Bundle observations(String query) {
		return physician.search().byUrl("Observation?" + query).returnBundle(Bundle.class).execute();
	}

	private Bundle reports(String query) {
		return physician.search().byUrl("DiagnosticReport?" + query).returnBundle(Bundle.class).execute();
	}

	private Bundle specimenSearch(String query) {
		return physician.search().byUrl("Specimen?" + query).returnBundle(Bundle.class).execute();
	}

}
