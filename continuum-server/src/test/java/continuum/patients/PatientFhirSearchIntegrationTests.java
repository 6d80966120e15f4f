package continuum.patients;

import java.util.List;

import continuum.ContinuumIntegrationTest;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FHIR Patient search parameters, offset paging links, {@code _revinclude} and
 * {@code $everything}.
 */
@ContinuumIntegrationTest
class PatientFhirSearchIntegrationTests {

	@LocalServerPort
	int port;

	FhirTestClient client;

	@BeforeEach
	void signIn() {
		client = new FhirTestClient(port, "physician");
	}

	IIdType create(String family, String given, String birthDate, AdministrativeGender gender) {
		Patient patient = new Patient();
		patient.addName().setFamily(family).addGiven(given);
		patient.setGender(gender);
		patient.setBirthDateElement(new DateType(birthDate));
		return client.fhir.create().resource(patient).execute().getId().toUnqualifiedVersionless();
	}

	Bundle search(String query) {
		return client.fhir.search().byUrl("Patient?" + query).returnBundle(Bundle.class).execute();
	}

	static List<String> ids(Bundle bundle) {
		return bundle.getEntry()
			.stream()
			.filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
			.map(e -> e.getResource().getIdElement().getIdPart())
			.toList();
	}

	@Test
	void searchesByIdentifierWithAndWithoutSystem() {
		IIdType id = create("Hermans", TestPatients.uniqueWord(), "1970-01-02", AdministrativeGender.MALE);
		Patient patient = client.fhir.read().resource(Patient.class).withId(id).execute();
		String mrn = patient.getIdentifierFirstRep().getValue();
		assertThat(ids(search("identifier=" + Identifier.MRN_SYSTEM + "|" + mrn))).containsExactly(id.getIdPart());
		assertThat(ids(search("identifier=" + mrn))).containsExactly(id.getIdPart());
		assertThat(ids(search("identifier=urn:other|" + mrn))).isEmpty();
	}

	@Test
	void nationalNumberIsFoundWrittenWithOrWithoutPunctuation() {
		NationalNumber number = NationalNumber.parse(TestPatients.nationalNumber(java.time.LocalDate.of(1971, 4, 5)));
		Patient patient = new Patient();
		patient.addName().setFamily("Geerts").addGiven(TestPatients.uniqueWord());
		patient.addIdentifier().setSystem(Identifier.SSIN_SYSTEM).setValue(number.formatted());
		IIdType id = client.fhir.create().resource(patient).execute().getId().toUnqualifiedVersionless();
		assertThat(ids(search("identifier=" + Identifier.SSIN_SYSTEM + "|" + number.formatted())))
			.containsExactly(id.getIdPart());
		assertThat(ids(search("identifier=" + Identifier.SSIN_SYSTEM + "|" + number.digits())))
			.containsExactly(id.getIdPart());
	}

	@Test
	void searchesByNameFamilyGivenGenderAndBirthDatePrefixes() {
		String u = TestPatients.uniqueWord();
		IIdType a = create("Lemaître", u, "1960-05-10", AdministrativeGender.FEMALE);
		IIdType b = create("Verbeke", u, "1975-11-20", AdministrativeGender.MALE);
		assertThat(ids(search("given=" + u + "&family=lemaitre"))).containsExactly(a.getIdPart());
		assertThat(ids(search("name=" + u + "&name=verb"))).containsExactly(b.getIdPart());
		assertThat(ids(search("given=" + u + "&gender=male"))).containsExactly(b.getIdPart());
		assertThat(ids(search("given=" + u + "&birthdate=1960-05-10"))).containsExactly(a.getIdPart());
		assertThat(ids(search("given=" + u + "&birthdate=1960"))).containsExactly(a.getIdPart());
		assertThat(ids(search("given=" + u + "&birthdate=ge1970-01-01"))).containsExactly(b.getIdPart());
		assertThat(ids(search("given=" + u + "&birthdate=gt1960-05-10"))).containsExactly(b.getIdPart());
		assertThat(ids(search("given=" + u + "&birthdate=lt1975-11-20"))).containsExactly(a.getIdPart());
		assertThat(ids(search("given=" + u + "&birthdate=le1975-11-20"))).containsExactlyInAnyOrder(a.getIdPart(),
				b.getIdPart());
		assertThat(ids(search("given=" + u + "&birthdate=ge1960-01-01&birthdate=le1960-12-31")))
			.containsExactly(a.getIdPart());
	}

	@Test
	void countPagesWithNextAndPreviousLinksUntilTheLastPage() {
		String u = TestPatients.uniqueWord();
		for (int i = 0; i < 5; i++) {
			create("Coppens", u, "1980-01-0" + (i + 1), AdministrativeGender.FEMALE);
		}
		Bundle first = search("given=" + u + "&_count=2");
		assertThat(first.getTotal()).isEqualTo(5);
		assertThat(ids(first)).hasSize(2);
		assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();
		Bundle second = client.fhir.loadPage().next(first).execute();
		Bundle third = client.fhir.loadPage().next(second).execute();
		assertThat(ids(second)).hasSize(2).doesNotContainAnyElementsOf(ids(first));
		assertThat(ids(third)).hasSize(1);
		assertThat(third.getLink(Bundle.LINK_NEXT)).isNull();
		assertThat(third.getLink(Bundle.LINK_PREV)).isNotNull();
	}

	/**
	 * The server's maximum page size ({@code continuum.fhir.maximum-page-size}, 250 in
	 * the tests) caps {@code _count} on every search of the patient record, as on the
	 * other modules' searches.
	 */
	@Test
	void countAboveTheServersMaximumIsCappedOnEverySearchOfTheRecord() {
		for (String type : List.of("Patient", "AllergyIntolerance", "Condition", "MedicationStatement")) {
			Bundle page = client.fhir.search().byUrl(type + "?_count=1000").returnBundle(Bundle.class).execute();
			if (type.equals("Patient")) {
				assertThat(page.getTotal()).as("demo patients").isGreaterThan(250);
			}
			assertThat(page.getEntry()).as(type).hasSize(Math.min(page.getTotal(), 250));
			assertThat(page.getLink(Bundle.LINK_NEXT)).as(type + " next page")
				.matches(next -> page.getTotal() > 250 ? next != null : next == null);
		}
	}

	@Test
	void countZeroAnswersOnlyTheTotalWithoutANextLink() {
		// HAPI answers _count=0 in summary mode (no entries, no links); the total must
		// still be counted.
		String u = TestPatients.uniqueWord();
		for (int i = 0; i < 3; i++) {
			create("Peeters", u, "1981-02-0" + (i + 1), AdministrativeGender.MALE);
		}
		Bundle patientsOnly = search("given=" + u + "&_count=0&_revinclude=AllergyIntolerance:patient");
		assertThat(patientsOnly.getTotal()).isEqualTo(3);
		assertThat(patientsOnly.getEntry()).isEmpty();
		assertThat(patientsOnly.getLink(Bundle.LINK_NEXT)).isNull();
		Bundle allergies = client.fhir.search()
			.byUrl("AllergyIntolerance?clinical-status=active&_count=0")
			.returnBundle(Bundle.class)
			.execute();
		assertThat(allergies.getTotal()).isPositive();
		assertThat(allergies.getEntry()).isEmpty();
		assertThat(allergies.getLink(Bundle.LINK_NEXT)).isNull();
		continuum.fhir.FhirTestSupport.assertValid(patientsOnly);
	}

	@Test
	void revincludeAddsAllergiesAndConditionsAsIncludes() {
		IIdType id = create("Smets", TestPatients.uniqueWord(), "1950-02-02", AdministrativeGender.MALE);
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setPatient(new Reference("Patient/" + id.getIdPart()));
		allergy.setCode(new CodeableConcept().setText("Penicillin"));
		allergy.setClinicalStatus(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", null)));
		client.fhir.create().resource(allergy).execute();
		Condition condition = new Condition();
		condition.setSubject(new Reference("Patient/" + id.getIdPart()));
		condition.setCode(new CodeableConcept().setText("Asthma"));
		condition.setClinicalStatus(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
		client.fhir.create().resource(condition).execute();
		Bundle bundle = search("identifier="
				+ client.fhir.read().resource(Patient.class).withId(id).execute().getIdentifierFirstRep().getValue()
				+ "&_revinclude=AllergyIntolerance:patient&_revinclude=Condition:patient");
		assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType() + ":" + e.getSearch().getMode())
			.containsExactlyInAnyOrder("Patient:MATCH", "AllergyIntolerance:INCLUDE", "Condition:INCLUDE");
		assertThat(bundle.getTotal()).isEqualTo(1);
	}

	@Test
	void everythingReturnsThePatientAndItsClinicalRecord() {
		IIdType id = create("Nuyts", TestPatients.uniqueWord(), "1944-04-04", AdministrativeGender.FEMALE);
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setPatient(new Reference("Patient/" + id.getIdPart()));
		allergy.setCode(new CodeableConcept().setText("Latex"));
		allergy.setClinicalStatus(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", null)));
		client.fhir.create().resource(allergy).execute();
		Bundle everything = client.fhir.operation()
			.onInstance(id)
			.named("$everything")
			.withNoParameters(org.hl7.fhir.r4.model.Parameters.class)
			.returnResourceType(Bundle.class)
			.execute();
		assertThat(everything.getEntry()).extracting(e -> e.getResource().fhirType())
			.containsExactly("Patient", "AllergyIntolerance");
		everything.getEntry().forEach(e -> continuum.fhir.FhirTestSupport.assertValid(e.getResource()));
	}

	@Test
	void unknownSearchParameterValuesAre400() throws Exception {
		FhirTestClient.assertOperationOutcome(client.get("Patient?gender=feminine"), 400);
		FhirTestClient.assertOperationOutcome(client.get("Patient?birthdate=30-07-1985"), 400);
		FhirTestClient.assertOperationOutcome(client.get("Patient?_revinclude=Provenance:patient"), 400);
	}

}
