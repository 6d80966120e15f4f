package continuum.fhir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import continuum.ContinuumIntegrationTest;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The FHIR R4 specification's own examples (package
 * {@value SpecificationExamples#PACKAGE}, not copies) of every type the server creates:
 * each is sent as a client would send it, with only what must point at this server
 * rewritten — references to a Patient, Practitioner, Location or Schedule name ones that
 * exist here, the example's id is left out, and a subscription's endpoint is moved to the
 * loopback interface — and is either created, read back equal in every element the server
 * keeps ({@link KeptElements}) and valid against R4, or refused (422; 409 for an
 * identifier another patient holds) with an OperationOutcome that says why, as listed in
 * docs/fhir.md, "Specification examples". Every example of those types in the package is
 * listed below, so a new one cannot pass unnoticed.
 */
@ContinuumIntegrationTest
class SpecificationExamplesIntegrationTests {

	/**
	 * The types the server creates (docs/fhir.md), and the demo account that creates
	 * each.
	 */
	private static final Map<String, String> CREATORS = Map.ofEntries(Map.entry("Patient", "physician"),
			Map.entry("AllergyIntolerance", "physician"), Map.entry("Condition", "physician"),
			Map.entry("MedicationStatement", "physician"), Map.entry("Encounter", "physician"),
			Map.entry("Appointment", "scheduler"), Map.entry("Schedule", "admin"), Map.entry("Slot", "scheduler"),
			Map.entry("Location", "admin"), Map.entry("ServiceRequest", "physician"),
			Map.entry("Subscription", "physician"));

	/**
	 * What becomes of each example: kept, or refused with this status and an
	 * OperationOutcome that says this (docs/fhir.md, "Specification examples").
	 */
	private static final Map<String, Expectation> EXPECTED = expectations();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path folder;

	@TestFactory
	List<DynamicTest> everyExampleOfEveryCreatedTypeIsKeptOrRefusedAsDocumented() {
		Map<String, Resource> examples = SpecificationExamples.of(CREATORS.keySet(), folder);
		Targets targets = new Targets();
		List<DynamicTest> tests = new ArrayList<>();
		tests.add(dynamicTest("every example is listed, and nothing else",
				() -> assertThat(EXPECTED.keySet()).isEqualTo(examples.keySet())));
		examples.forEach((name, example) -> tests.add(dynamicTest(name, () -> check(name, example, targets))));
		return tests;
	}

	private void check(String name, Resource example, Targets targets) {
		Resource sent = example.copy();
		sent.setIdElement(null);
		targets.rewrite(sent);
		IGenericClient client = FhirTestSupport.client(port, CREATORS.get(sent.fhirType()));
		Expectation expected = EXPECTED.get(name);
		if (expected == null) {
			unlisted(name, sent, client);
		}
		else if (expected.kept()) {
			MethodOutcome created = client.create().resource(sent).execute();
			assertThat(created.getCreated()).as("%s is created", name).isTrue();
			Resource read = (Resource) client.read()
				.resource(sent.getClass())
				.withId(created.getId().getIdPart())
				.execute();
			try {
				FhirTestSupport.assertValid(read);
				assertThat(KeptElements.of(read)).as("the elements of %s the server keeps", name)
					.isEqualTo(KeptElements.of(sent));
				if (read instanceof Subscription subscription) {
					assertThat(subscription.getStatus()).as("a subscription whose end has passed is stored off")
						.isEqualTo(Subscription.SubscriptionStatus.OFF);
				}
			}
			finally {
				if (read instanceof Subscription) {
					client.delete().resourceById(read.getIdElement().toUnqualifiedVersionless()).execute();
				}
			}
		}
		else {
			BaseServerResponseException refused = catchThrowableOfType(BaseServerResponseException.class,
					() -> client.create().resource(sent).execute());
			assertThat(refused).as("%s is refused: %s", name, expected.says()).isNotNull();
			assertThat(refused.getOperationOutcome()).as("%s: an OperationOutcome", name)
				.isInstanceOf(OperationOutcome.class);
			OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
			assertThat(refused.getStatusCode()).as("%s: %s", name, outcome.getIssueFirstRep().getDiagnostics())
				.isEqualTo(expected.status());
			assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
			assertThat(outcome.getIssueFirstRep().getDiagnostics()).as(name).contains(expected.says());
			FhirTestSupport.assertValid(outcome);
		}
	}

	/**
	 * Fails for an example the list does not name, saying what the server did with it, so
	 * that the list (and docs/fhir.md) can be completed.
	 */
	private void unlisted(String name, Resource sent, IGenericClient client) {
		String done;
		try {
			MethodOutcome created = client.create().resource(sent).execute();
			Resource read = (Resource) client.read()
				.resource(sent.getClass())
				.withId(created.getId().getIdPart())
				.execute();
			Map<String, Object> before = KeptElements.of(sent);
			Map<String, Object> after = KeptElements.of(read);
			StringBuilder differences = new StringBuilder();
			before.forEach((element, value) -> {
				if (!Objects.equals(value, after.get(element))) {
					differences.append("; ")
						.append(element)
						.append(" sent ")
						.append(value)
						.append(", read ")
						.append(after.get(element));
				}
			});
			done = "created" + differences;
		}
		catch (BaseServerResponseException ex) {
			done = "refused " + ex.getStatusCode() + ": "
					+ (ex.getOperationOutcome() instanceof OperationOutcome outcome
							? outcome.getIssueFirstRep().getDiagnostics() : ex.getMessage());
		}
		throw new AssertionError(name + " is not listed in EXPECTED; the server answered: " + done);
	}

	private static Map<String, Expectation> expectations() {
		Map<String, Expectation> expected = new TreeMap<>();
		for (String name : List.of("AllergyIntolerance-example", "AllergyIntolerance-fishallergy",
				"AllergyIntolerance-medication", "AllergyIntolerance-nka", "AllergyIntolerance-nkda",
				"AllergyIntolerance-nkla", "Condition-example", "Condition-example2", "Condition-f001",
				"Condition-f002", "Condition-f003", "Condition-f201", "Condition-f202", "Condition-f203",
				"Condition-f204", "Condition-f205", "Condition-family-history", "Condition-stroke",
				"MedicationStatement-example001", "MedicationStatement-example002", "MedicationStatement-example003",
				"MedicationStatement-example004", "MedicationStatement-example005", "MedicationStatement-example006",
				"MedicationStatement-example007", "Patient-dicom", "Patient-example", "Patient-f001", "Patient-f201",
				"Patient-genetics-example1", "Patient-glossy", "Patient-infant-mom", "Patient-infant-twin-1",
				"Patient-infant-twin-2", "Patient-pat1", "Patient-pat2", "Patient-pat3", "Patient-pat4", "Patient-xcda",
				"Patient-xds", "Schedule-example", "Subscription-example")) {
			expected.put(name + ".json", Expectation.KEPT);
		}
		refused(expected, 422, "A booking needs at least one slot", "Appointment-2docs", "Appointment-example");
		refused(expected, 422, "A new appointment is booked, not proposed", "Appointment-examplereq");
		refused(expected, 422, "Encounter.location must reference a bed", "Encounter-emerg");
		refused(expected, 422, "An inpatient admission needs a bed", "Encounter-example");
		refused(expected, 422, "A new encounter is an admission, in-progress or planned, not finished",
				"Encounter-f001", "Encounter-f002", "Encounter-f003", "Encounter-f201", "Encounter-f202",
				"Encounter-f203", "Encounter-home", "Encounter-xcda");
		refused(expected, 422, "Location.physicalType must be wa (ward), ro (room) or bd (bed)", "Location-1",
				"Location-amb", "Location-hl7", "Location-ph", "Location-ukp");
		refused(expected, 422, "Only a bed has an operationalStatus", "Location-2");
		refused(expected, 422, "Patient.name with a family name is required", "Patient-animal", "Patient-ch-example",
				"Patient-infant-fetal", "Patient-newborn", "Patient-proband");
		refused(expected, 422, "Patient.identifier needs the system its value belongs to", "Patient-ihe-pcd");
		// The same woman as Patient-genetics-example1, with the same identifier.
		refused(expected, 409, "The identifier is already registered for patient", "Patient-mom");
		refused(expected, 422, "A schedule has exactly one actor", "Schedule-exampleloc1", "Schedule-exampleloc2");
		refused(expected, 422, "ServiceRequest.category must be laboratory", "ServiceRequest-education",
				"ServiceRequest-example", "ServiceRequest-myringotomy", "ServiceRequest-ob",
				"ServiceRequest-physical-therapy");
		refused(expected, 422, "ServiceRequest.code must name an orderable test by its LOINC code",
				"ServiceRequest-ambulation", "ServiceRequest-appendectomy-narrative", "ServiceRequest-benchpress",
				"ServiceRequest-colon-biopsy", "ServiceRequest-colonoscopy", "ServiceRequest-do-not-turn",
				"ServiceRequest-example-implant", "ServiceRequest-lipid", "ServiceRequest-physiotherapy",
				"ServiceRequest-vent");
		refused(expected, 422, "A laboratory order has intent order (or original-order), not reflex-order",
				"ServiceRequest-ft4");
		refused(expected, 422, "A laboratory order has intent order (or original-order), not instance-order",
				"ServiceRequest-subrequest");
		refused(expected, 422, "(not in the catalogue)", "ServiceRequest-di", "ServiceRequest-example-pgx",
				"ServiceRequest-og-example1");
		refused(expected, 422, "Slot.serviceType needs a coding of urn:continuum:appointment-type", "Slot-1", "Slot-2",
				"Slot-3", "Slot-example");
		refused(expected, 422, "Subscription.status error cannot be set by a client", "Subscription-example-error");
		return expected;
	}

	private static void refused(Map<String, Expectation> expected, int status, String says, String... names) {
		for (String name : names) {
			expected.put(name + ".json", new Expectation(status, says));
		}
	}

	/** Kept (201), or refused with a status and an outcome whose diagnostics say this. */
	record Expectation(int status, String says) {

		static final Expectation KEPT = new Expectation(201, "");

		boolean kept() {
			return status == 201;
		}

	}

	/**
	 * Rewrites what must point at this server: each patient an example names becomes a
	 * patient made here for it (examples of one patient stay together, and the examples
	 * of different patients stay apart, as in the specification), every practitioner a
	 * practitioner of ours, every location a ward made here, every schedule a schedule of
	 * that ward.
	 */
	private final class Targets {

		private final Map<String, String> patients = new HashMap<>();

		private final Map<String, String> others = new HashMap<>();

		Targets() {
			IGenericClient admin = FhirTestSupport.client(port, "admin");
			String code = "TX" + (System.nanoTime() % 100_000);
			Location ward = new Location();
			ward.setPhysicalType(new CodeableConcept(
					new Coding("http://terminology.hl7.org/CodeSystem/location-physical-type", "wa", null)));
			ward.addAlias(code);
			ward.setName("Voorbeeldafdeling " + code);
			ward.addType().setText("Cardiology");
			String wardId = admin.create().resource(ward).execute().getId().getIdPart();
			Schedule schedule = new Schedule();
			schedule.addActor(new Reference("Location/" + wardId).setDisplay("Voorbeeldafdeling " + code));
			schedule.addSpecialty(new CodeableConcept(new Coding("urn:continuum:department", "cardiology", null)));
			String scheduleId = admin.create().resource(schedule).execute().getId().getIdPart();
			long practitioner = jdbc.sql("select min(id) from app_user").query(Long.class).single();
			others.put("Practitioner", "Practitioner/" + practitioner);
			others.put("Location", "Location/" + wardId);
			others.put("Schedule", "Schedule/" + scheduleId);
		}

		void rewrite(Resource resource) {
			for (Reference reference : FhirTestSupport.context()
				.newTerser()
				.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
				String value = reference.getReference();
				if (value == null || value.startsWith("#")) {
					continue;
				}
				String[] parts = value.split("/");
				for (int i = 0; i + 1 < parts.length; i++) {
					if (parts[i].equals("Patient")) {
						reference.setReference(patients.computeIfAbsent(parts[i + 1], this::patient));
						break;
					}
					if (others.containsKey(parts[i])) {
						reference.setReference(others.get(parts[i]));
						break;
					}
				}
			}
			if (resource instanceof Subscription subscription && subscription.getChannel().hasEndpoint()) {
				// Never a notification to another host from a test: the loopback
				// interface's
				// discard port, where nothing listens.
				String endpoint = subscription.getChannel().getEndpoint();
				int path = endpoint.indexOf('/', "https://".length());
				subscription.getChannel()
					.setEndpoint("https://127.0.0.1:9" + (path < 0 ? "/" : endpoint.substring(path)));
			}
		}

		private String patient(String exampleId) {
			Patient patient = new Patient();
			patient.addIdentifier()
				.setSystem("urn:continuum:test:specification-examples")
				.setValue(UUID.randomUUID().toString());
			patient.addName().setFamily("Voorbeeld").addGiven(exampleId);
			patient.setGender(AdministrativeGender.UNKNOWN);
			return "Patient/" + FhirTestSupport.client(port, "physician")
				.create()
				.resource(patient)
				.execute()
				.getId()
				.getIdPart();
		}

	}

}
