package continuum.patients;

import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every resource this module emits for the demo population validates against the R4 base
 * specification.
 */
@ContinuumIntegrationTest
class FhirValidationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PatientService patients;

	@Autowired
	PatientMergeService merges;

	@Test
	void everythingOfDemoPatientsValidatesAgainstR4() {
		FhirTestClient client = new FhirTestClient(port, "physician");
		List<PatientId> ids = patients.idsForDemo(60);
		int validated = 0;
		java.util.Set<String> types = new java.util.HashSet<>();
		for (PatientId id : ids) {
			Bundle everything = client.fhir.operation()
				.onInstance("Patient/" + id)
				.named("$everything")
				.withNoParameters(Parameters.class)
				.returnResourceType(Bundle.class)
				.execute();
			FhirTestSupport.assertValid(everything);
			for (Bundle.BundleEntryComponent entry : everything.getEntry()) {
				FhirTestSupport.assertValid(entry.getResource());
				types.add(entry.getResource().fhirType());
				validated++;
			}
		}
		assertThat(validated).isGreaterThan(ids.size() * 2);
		assertThat(types).containsExactlyInAnyOrder("Patient", "AllergyIntolerance", "MedicationStatement",
				"Condition");
	}

	@Test
	void searchBundlesWithPagingAndIncludesValidate() {
		FhirTestClient client = new FhirTestClient(port, "physician");
		for (String url : List.of("Patient?name=van&_count=5&_revinclude=AllergyIntolerance:patient",
				"AllergyIntolerance?clinical-status=active&_count=10&_include=AllergyIntolerance:patient",
				"MedicationStatement?status=active&_count=10", "Condition?_count=10&_include=Condition:patient")) {
			Bundle bundle = client.fhir.search().byUrl(url).returnBundle(Bundle.class).execute();
			assertThat(bundle.getEntry()).as(url).isNotEmpty();
			FhirTestSupport.assertValid(bundle);
		}
	}

	@Test
	void mergedDuplicateWithReplacedByLinkValidates() {
		PatientId survivor = patients.register(TestPatients.data("Bogaerts", TestPatients.uniqueWord())).id();
		PatientId duplicate = patients.register(TestPatients.data("Bogaerts", TestPatients.uniqueWord())).id();
		merges.merge(duplicate, survivor);
		Patient read = new FhirTestClient(port, "nurse").fhir.read()
			.resource(Patient.class)
			.withId(duplicate.asString())
			.execute();
		assertThat(read.getLink()).hasSize(1);
		FhirTestSupport.assertValid(read);
	}

	@Test
	void survivorLinksReplacesToEachDuplicateInReadSearchAndNewVersionOnly() {
		String u = TestPatients.uniqueWord();
		PatientId survivor = patients.register(TestPatients.data("Janssens", "Anna", u)).id();
		PatientId first = patients.register(TestPatients.data("Janssens", "Anna", TestPatients.uniqueWord())).id();
		PatientId second = patients.register(TestPatients.data("Janssens", "Anna", TestPatients.uniqueWord())).id();
		merges.merge(first, survivor);
		merges.merge(second, survivor);
		FhirTestClient client = new FhirTestClient(port, "nurse");

		Patient read = client.fhir.read().resource(Patient.class).withId(survivor.asString()).execute();
		assertThat(read.getMeta().getVersionId()).isEqualTo("3");
		assertThat(read.getActive()).isTrue();
		assertThat(read.getLink()).extracting(l -> l.getType().toCode() + " " + l.getOther().getReference())
			.containsExactly("replaces Patient/" + first, "replaces Patient/" + second);
		FhirTestSupport.assertValid(read);

		Patient beforeSecond = client.fhir.read()
			.resource(Patient.class)
			.withIdAndVersion(survivor.asString(), "2")
			.execute();
		assertThat(beforeSecond.getLink()).extracting(l -> l.getOther().getReference())
			.containsExactly("Patient/" + first);
		assertThat(client.fhir.read()
			.resource(Patient.class)
			.withIdAndVersion(survivor.asString(), "1")
			.execute()
			.getLink()).isEmpty();

		Bundle found = client.fhir.search().byUrl("Patient?given=" + u).returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).hasSize(1);
		assertThat(((Patient) found.getEntryFirstRep().getResource()).getLink()).hasSize(2);
		FhirTestSupport.assertValid(found);
	}

}
