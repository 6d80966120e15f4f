package continuum.patients;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import continuum.privacy.RestrictionKind;
import continuum.privacy.RestrictionService;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import continuum.ContinuumIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search parameters every type has, strict and lenient handling, chains, {@code _has}
 * and modifiers, on the patient module's types, through HTTP.
 */
@ContinuumIntegrationTest
class CommonSearchFhirIntegrationTests {

	static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";

	static final String SNOMED = "http://snomed.info/sct";

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	RestrictionService restrictions;

	FhirTestClient client;

	Patient patient;

	String family;

	/** A substance code only this test's allergies carry. */
	String code;

	List<AllergyIntolerance> allergies = new ArrayList<>();

	@BeforeEach
	void patientWithThreeAllergies() {
		client = new FhirTestClient(port, "physician");
		family = "Q" + TestPatients.uniqueWord();
		patient = patients.register(TestPatients.data(family, "Anouk"));
		code = "9" + Math.abs(family.hashCode() % 10_000_000);
		allergies.add(create(patient, "active", "2019-06-01"));
		allergies.add(create(patient, "resolved", "2010-06-01"));
		allergies.add(create(patient, "active", "2015-06-01"));
	}

	AllergyIntolerance create(Patient who, String status, String recorded) {
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setPatient(new Reference("Patient/" + who.id()));
		allergy.setCode(new CodeableConcept(new Coding(SNOMED, code, null)).setText("Substance " + recorded));
		allergy.setClinicalStatus(new CodeableConcept(new Coding(CLINICAL, status, null)));
		allergy.setRecordedDateElement(new DateTimeType(recorded));
		return (AllergyIntolerance) client.fhir.create().resource(allergy).execute().getResource();
	}

	HttpResponse<String> get(String path, String... headers) throws Exception {
		return client.send("GET", path, null, null, headers);
	}

	Bundle search(String path, String... headers) throws Exception {
		HttpResponse<String> response = get(path, headers);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return FhirTestClient.CONTEXT.newJsonParser().parseResource(Bundle.class, response.body());
	}

	List<String> ids(Bundle bundle) {
		return bundle.getEntry()
			.stream()
			.filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
			.map(e -> e.getResource().getIdElement().getIdPart())
			.toList();
	}

	String id(int i) {
		return allergies.get(i).getIdElement().getIdPart();
	}

	static String at(Instant instant) {
		return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
	}

	@Test
	void idAndLastUpdatedWithPrefixesSelectEntries() throws Exception {
		String mine = "AllergyIntolerance?patient=" + patient.id();
		assertThat(ids(search(mine + "&_id=" + id(0) + "," + id(2)))).containsExactlyInAnyOrder(id(0), id(2));
		assertThat(ids(search(mine + "&_id=nothing"))).isEmpty();
		Instant second = allergies.get(1).getMeta().getLastUpdated().toInstant();
		assertThat(ids(search(mine + "&_lastUpdated=gt" + at(second)))).containsExactly(id(2));
		assertThat(ids(search(mine + "&_lastUpdated=sa" + at(second)))).containsExactly(id(2));
		assertThat(ids(search(mine + "&_lastUpdated=lt" + at(second)))).containsExactly(id(0));
		assertThat(ids(search(mine + "&_lastUpdated=eb" + at(second)))).containsExactly(id(0));
		assertThat(ids(search(mine + "&_lastUpdated=le" + at(second)))).containsExactly(id(0), id(1));
		assertThat(ids(search(mine + "&_lastUpdated=ge" + at(second)))).containsExactly(id(1), id(2));
		assertThat(ids(search(mine + "&_lastUpdated=eq" + at(second)))).containsExactly(id(1));
		assertThat(ids(search(mine + "&_lastUpdated=ne" + at(second)))).containsExactly(id(0), id(2));
		assertThat(ids(search(mine + "&_lastUpdated=ap" + at(second)))).contains(id(1));
		assertThat(ids(search(mine + "&_lastUpdated=lt2000-01-01"))).isEmpty();
		assertThat(ids(search("Patient?_id=" + patient.id() + "&_lastUpdated=ge2000")))
			.containsExactly(patient.id().asString());
	}

	@Test
	void sortByDateLastUpdatedAndIdBothWays() throws Exception {
		String mine = "AllergyIntolerance?patient=" + patient.id();
		assertThat(ids(search(mine + "&_sort=date"))).containsExactly(id(1), id(2), id(0));
		assertThat(ids(search(mine + "&_sort=-date"))).containsExactly(id(0), id(2), id(1));
		assertThat(ids(search(mine + "&_sort=-_lastUpdated"))).containsExactly(id(2), id(1), id(0));
		assertThat(ids(search(mine + "&_sort=date,-_id"))).containsExactly(id(1), id(2), id(0));
	}

	@Test
	void anUnsupportedSortKeyIsA400NamingIt() throws Exception {
		String diagnostics = FhirTestClient
			.assertOperationOutcome(get("AllergyIntolerance?patient=" + patient.id() + "&_sort=criticality"), 400);
		assertThat(diagnostics).contains("_sort=criticality");
	}

	@Test
	void pagesFollowNextAndPreviousLinksInAStableOrder() throws Exception {
		Bundle first = search("AllergyIntolerance?patient=" + patient.id() + "&_sort=date&_count=1");
		assertThat(first.getTotal()).isEqualTo(3);
		List<String> seen = new ArrayList<>(ids(first));
		Bundle page = first;
		while (page.getLink("next") != null) {
			String next = page.getLink("next").getUrl();
			page = search(next.substring(next.indexOf("/fhir/") + 6));
			seen.addAll(ids(page));
		}
		assertThat(seen).containsExactly(id(1), id(2), id(0));
		String previous = page.getLink("previous").getUrl();
		assertThat(previous).contains("_sort=date");
		assertThat(ids(search(previous.substring(previous.indexOf("/fhir/") + 6)))).containsExactly(id(2));
	}

	@Test
	void summaryElementsAndTotal() throws Exception {
		String mine = "AllergyIntolerance?patient=" + patient.id();
		Bundle count = search(mine + "&_summary=count");
		assertThat(count.getTotal()).isEqualTo(3);
		assertThat(count.getEntry()).isEmpty();
		Bundle summary = search(mine + "&_summary=true");
		assertThat(summary.getEntry()).hasSize(3);
		assertThat(summary.getEntryFirstRep().getResource().getMeta().getTag())
			.anyMatch(tag -> "SUBSETTED".equals(tag.getCode()));
		Bundle elements = search(mine + "&_elements=clinicalStatus");
		AllergyIntolerance thin = (AllergyIntolerance) elements.getEntryFirstRep().getResource();
		assertThat(thin.hasClinicalStatus()).isTrue();
		assertThat(thin.hasCode()).isFalse();
		assertThat(search(mine + "&_total=none").hasTotal()).isFalse();
		assertThat(search(mine + "&_total=accurate").getTotal()).isEqualTo(3);
		assertThat(search(mine + "&_total=estimate").getTotal()).isEqualTo(3);
	}

	@Test
	void unknownParametersModifiersAndPrefixesAre400UnderStrictAndDroppedUnderLenient() throws Exception {
		String mine = "AllergyIntolerance?patient=" + patient.id();
		assertThat(FhirTestClient.assertOperationOutcome(get(mine + "&colour=blue"), 400)).contains("colour");
		assertThat(FhirTestClient.assertOperationOutcome(get(mine + "&_colour=blue"), 400)).contains("_colour");
		assertThat(FhirTestClient.assertOperationOutcome(get(mine + "&colour=blue", "Prefer", "handling=strict"), 400))
			.contains("colour");
		assertThat(FhirTestClient.assertOperationOutcome(get(mine + "&clinical-status:missing=true"), 400))
			.contains("clinical-status:missing");
		assertThat(FhirTestClient.assertOperationOutcome(get(mine + "&date=ne2015-06-01"), 400)).contains("ne");
		assertThat(FhirTestClient.assertOperationOutcome(get(mine + "&_total=some"), 400)).contains("_total");
		Bundle lenient = search(mine + "&colour=blue&clinical-status:missing=true", "Prefer", "handling=lenient");
		assertThat(ids(lenient)).hasSize(3);
		assertThat(lenient.getLink("self").getUrl()).contains("patient=" + patient.id())
			.doesNotContain("colour")
			.doesNotContain("missing");
	}

	@Test
	void chainedSearchOnThePatientsIdentifierAndName() throws Exception {
		String mrn = URLEncoder.encode(Identifier.MRN_SYSTEM + "|" + patient.mrn(), StandardCharsets.UTF_8);
		assertThat(ids(search("AllergyIntolerance?patient.identifier=" + mrn))).hasSize(3);
		assertThat(ids(search("AllergyIntolerance?patient.name=" + family + "&clinical-status=active")))
			.containsExactlyInAnyOrder(id(0), id(2));
		assertThat(ids(search("Condition?patient.family=" + family))).isEmpty();
		assertThat(FhirTestClient.assertOperationOutcome(get("AllergyIntolerance?patient.gender=female"), 400))
			.contains("patient.gender");
	}

	@Test
	void hasFindsPatientsByTheirAllergiesAndLeavesOutRestrictedOnes() throws Exception {
		Patient restricted = patients.register(TestPatients.data("Q" + TestPatients.uniqueWord(), "Bo"));
		create(restricted, "active", "2018-01-01");
		restrictions.restrict(restricted.id(), RestrictionKind.VIP);
		assertThat(ids(search("Patient?_has:AllergyIntolerance:patient:code=" + SNOMED + "%7C" + code)))
			.containsExactly(patient.id().asString());
		Bundle allergiesOfCode = search("AllergyIntolerance?code=" + code);
		assertThat(allergiesOfCode.getTotal()).isEqualTo(3);
		assertThat(ids(allergiesOfCode)).containsExactlyInAnyOrder(id(0), id(1), id(2));
		assertThat(FhirTestClient.assertOperationOutcome(get("Patient?_has:Encounter:patient:status=finished"), 400))
			.contains("_has:Encounter");
	}

	@Test
	void includeAndRevincludeAreMarkedAsIncludes() throws Exception {
		MedicationStatement medication = new MedicationStatement();
		medication.setSubject(new Reference("Patient/" + patient.id()));
		medication.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
		medication.setMedication(new CodeableConcept().setText("Paracetamol"));
		client.fhir.create().resource(medication).execute();
		Bundle withEntries = search("Patient?_id=" + patient.id()
				+ "&_revinclude=MedicationStatement:patient&_revinclude=AllergyIntolerance:patient");
		assertThat(withEntries.getEntry()).extracting(e -> e.getResource().fhirType() + ":" + e.getSearch().getMode())
			.containsExactlyInAnyOrder("Patient:MATCH", "MedicationStatement:INCLUDE", "AllergyIntolerance:INCLUDE",
					"AllergyIntolerance:INCLUDE", "AllergyIntolerance:INCLUDE");
		Bundle included = search("AllergyIntolerance?_id=" + id(0) + "&_include=AllergyIntolerance:patient");
		assertThat(included.getEntry()).extracting(e -> e.getResource().fhirType() + ":" + e.getSearch().getMode())
			.containsExactly("AllergyIntolerance:MATCH", "Patient:INCLUDE");
		assertThat(FhirTestClient.assertOperationOutcome(get("Patient?_revinclude=Provenance:target"), 400))
			.contains("Provenance:target");
	}

	@Test
	void stringAndTokenModifiers() throws Exception {
		assertThat(ids(search("Patient?family:exact=" + family))).containsExactly(patient.id().asString());
		assertThat(ids(search("Patient?family:exact=" + family.toLowerCase()))).isEmpty();
		assertThat(ids(search("Patient?family:contains=" + family.substring(2).toUpperCase())))
			.containsExactly(patient.id().asString());
		assertThat(ids(search("Patient?given:exact=Anouk&family=" + family))).containsExactly(patient.id().asString());
		assertThat(ids(search("AllergyIntolerance?patient=" + patient.id() + "&clinical-status:not=active")))
			.containsExactly(id(1));
		assertThat(FhirTestClient.assertOperationOutcome(get("Patient?gender:text=female"), 400))
			.contains("gender:text");
	}

}
