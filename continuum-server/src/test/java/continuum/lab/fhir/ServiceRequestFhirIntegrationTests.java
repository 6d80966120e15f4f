package continuum.lab.fhir;

import java.util.List;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IClientExecutable;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.ResultService;
import continuum.lab.SpecimenService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * FHIR ServiceRequest over laboratory order items: a clinician's create places a one-item
 * order, an update cancels it, the search parameters find it; errors are
 * OperationOutcomes with the right status, and the roles that may not order are refused.
 */
@ContinuumIntegrationTest
class ServiceRequestFhirIntegrationTests {

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

	static ServiceRequest order(PatientId patient, String system, String code) {
		ServiceRequest request = new ServiceRequest();
		request.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
		request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
		request.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "108252007", null)));
		request.setCode(new CodeableConcept(new Coding(system, code, null)));
		request.setPriority(ServiceRequest.ServiceRequestPriority.URGENT);
		request.setSubject(new Reference("Patient/" + patient.asString()));
		request.addNote(new Annotation().setText("Koorts sinds gisteren"));
		return request;
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

	@Test
	void createPlacesAOneItemOrderAndAnswersAValidServiceRequest() {
		PatientId patient = fixtures.patient();
		MethodOutcome outcome = physician.create().resource(order(patient, "http://loinc.org", "1988-5")).execute();
		assertThat(outcome.getCreated()).isTrue();
		ServiceRequest read = physician.read()
			.resource(ServiceRequest.class)
			.withId(outcome.getId().getIdPart())
			.execute();
		FhirTestSupport.assertValid(read);
		assertThat(read.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
		assertThat(read.getIntent()).isEqualTo(ServiceRequest.ServiceRequestIntent.ORDER);
		assertThat(read.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.URGENT);
		assertThat(read.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
		assertThat(read.getCode().getCodingFirstRep().getCode()).isEqualTo("1988-5");
		assertThat(read.getSubject().getReference()).isEqualTo("Patient/" + patient.asString());
		assertThat(read.getRequester().getIdentifier().getSystem()).isEqualTo("urn:continuum:username");
		assertThat(read.getRequester().getIdentifier().getValue()).isEqualTo("physician");
		assertThat(read.getNoteFirstRep().getText()).isEqualTo("Koorts sinds gisteren");
		assertThat(read.getIdentifier()).extracting(Identifier::getSystem)
			.containsExactly("urn:continuum:lab:placer-number");
		assertThat(read.getRequisition().getSystem()).isEqualTo("urn:continuum:lab:requisition");
		assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(read.getRequisition().getValue() + "-1");
		assertThat(read.getSpecimen()).hasSize(1);
		assertThat(read.getMeta().getVersionId()).isEqualTo("1");
		long audited = jdbc
			.sql("select count(*) from audit_log where username = 'physician' and resource_type = 'ServiceRequest' "
					+ "and resource_id = :id and action in ('CREATE', 'READ')")
			.param("id", outcome.getId().getIdPart())
			.query(Long.class)
			.single();
		assertThat(audited).isEqualTo(2);
	}

	@Test
	void afterReceiptTheRequestCarriesItsFillerNumberAndItsSpecimenIsReadable() {
		PatientId patient = fixtures.patient();
		LabOrder order = fixtures.order(patient, "1988-5");
		fixtures.receiveAll(order);
		ServiceRequest read = physician.read()
			.resource(ServiceRequest.class)
			.withId(order.items().get(0).id().asString())
			.execute();
		FhirTestSupport.assertValid(read);
		assertThat(read.getIdentifier()).extracting(Identifier::getSystem)
			.containsExactly("urn:continuum:lab:placer-number", "urn:continuum:lab:filler-number");
		org.hl7.fhir.r4.model.Specimen specimen = physician.read()
			.resource(org.hl7.fhir.r4.model.Specimen.class)
			.withId(read.getSpecimenFirstRep().getReferenceElement().getIdPart())
			.execute();
		assertThat(specimen.getRequestFirstRep().getReference()).isEqualTo("ServiceRequest/" + read.getIdPart());
	}

	@Test
	void refusesAnOrderThatNamesNoOrderableNoPatientOrAnotherCategory() {
		PatientId patient = fixtures.patient();
		assertOutcome(failure(physician.create().resource(order(patient, "http://loinc.org", "2093-3"))), 422,
				"Unknown test code 2093-3");
		assertOutcome(failure(physician.create().resource(order(patient, "http://snomed.info/sct", "1988-5"))), 422,
				"LOINC");
		assertOutcome(
				failure(physician.create().resource(order(new PatientId(987_654_321L), "http://loinc.org", "1988-5"))),
				422, "ServiceRequest.subject references no patient");
		ServiceRequest imaging = order(patient, "http://loinc.org", "1988-5");
		imaging.setCategory(List.of(new CodeableConcept(new Coding("http://snomed.info/sct", "363679005", null))));
		assertOutcome(failure(physician.create().resource(imaging)), 422, "ServiceRequest.category");
		ServiceRequest noSubject = order(patient, "http://loinc.org", "1988-5");
		noSubject.setSubject(null);
		assertOutcome(failure(physician.create().resource(noSubject)), 422, "ServiceRequest.subject");
		long placed = jdbc.sql("select count(*) from lab_order where patient_id = :p")
			.param("p", patient.value())
			.query(Long.class)
			.single();
		assertThat(placed).isZero();
	}

	@Test
	void aTechnologistMayNotOrderAndANurseMayNotCancel() {
		PatientId patient = fixtures.patient();
		IGenericClient labtech = FhirTestSupport.client(port, "labtech");
		assertOutcome(failure(labtech.create().resource(order(patient, "http://loinc.org", "1988-5"))), 403, "");
		LabOrder order = fixtures.order(patient, "1988-5");
		ServiceRequest read = physician.read()
			.resource(ServiceRequest.class)
			.withId(order.items().get(0).id().asString())
			.execute();
		read.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
		read.addNote(new Annotation().setText("Dubbel aangevraagd"));
		IGenericClient nurse = FhirTestSupport.client(port, "nurse");
		assertOutcome(failure(nurse.update().resource(read)), 403, "");
		assertThat(orders.orderOfItem(order.items().get(0).id()).items().get(0).status().fhirCode())
			.isEqualTo("active");
	}

	@Test
	void anUpdateCancelsWithTheReasonAsANoteAndChecksTheVersion() {
		PatientId patient = fixtures.patient();
		LabOrder order = fixtures.order(patient, "1988-5");
		String id = order.items().get(0).id().asString();
		ServiceRequest read = physician.read().resource(ServiceRequest.class).withId(id).execute();
		read.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED);
		assertOutcome(failure(physician.update().resource(read)), 422, "only cancels");
		read.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
		assertOutcome(failure(physician.update().resource(read)), 422, "needs a reason");
		read.addNote(new Annotation().setText("Dubbel aangevraagd"));
		// The client sends the version of the resource's id as If-Match.
		read.setId(read.getIdElement().withVersion("7"));
		assertOutcome(failure(physician.update().resource(read)), 412, "version");
		read.setId(read.getIdElement().withVersion("1"));
		MethodOutcome outcome = physician.update().resource(read).execute();
		ServiceRequest cancelled = (ServiceRequest) outcome.getResource();
		FhirTestSupport.assertValid(cancelled);
		assertThat(cancelled.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.REVOKED);
		assertThat(cancelled.getNote()).extracting(Annotation::getText)
			.containsExactly("Koorts", "Cancelled: Dubbel aangevraagd");
		assertThat(cancelled.getMeta().getVersionId()).isEqualTo("2");
		assertOutcome(
				failure(physician.update().resource(cancelled.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE))),
				422, "only cancels");
	}

	@Test
	void anItemWithAReleasedResultCannotBeCancelled() {
		PatientId patient = fixtures.patient();
		LabOrder order = fixtures.order(patient, "58410-2");
		fixtures.receiveAll(order);
		fixtures.release(fixtures.enter(order, "58410-2", "718-7", "13.1"));
		ServiceRequest read = physician.read()
			.resource(ServiceRequest.class)
			.withId(order.items().get(0).id().asString())
			.execute();
		assertThat(read.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
		read.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
		read.addNote(new Annotation().setText("Niet meer nodig"));
		assertOutcome(failure(physician.update().resource(read)), 409, "has a released result");
	}

	@Test
	void searchesByPatientCodeStatusAuthoredLastUpdatedAndRequisitionWithItsPatient() {
		PatientId patient = fixtures.patient();
		LabOrder first = fixtures.order(patient, "1988-5", "6301-6");
		LabOrder second = fixtures.order(patient, "4548-4");
		fixtures.receiveAll(second);
		assertThat(ids(search("patient=" + patient.asString()))).hasSize(3);
		assertThat(ids(search("patient=" + patient.asString() + "&code=http://loinc.org|6301-6")))
			.containsExactly(LabFhirFixtures.item(first, "6301-6").asString());
		assertThat(ids(search("patient=" + patient.asString() + "&code=http://snomed.info/sct|6301-6"))).isEmpty();
		assertThat(ids(search("patient=" + patient.asString() + "&status=revoked"))).isEmpty();
		assertThat(ids(search("patient=" + patient.asString() + "&status=active,completed"))).hasSize(3);
		assertThat(ids(search("requisition=urn:continuum:lab:requisition|" + first.placerNumber())))
			.containsExactlyInAnyOrder(first.items().get(0).id().asString(), first.items().get(1).id().asString());
		assertThat(ids(search("requisition=" + second.placerNumber())))
			.containsExactly(second.items().get(0).id().asString());
		String placed = first.orderedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
		assertThat(ids(search("patient=" + patient.asString() + "&authored=ge" + placed))).hasSize(3);
		assertThat(ids(search("patient=" + patient.asString() + "&authored=lt" + placed))).isEmpty();
		String received = orders.get(second.id())
			.items()
			.get(0)
			.updatedAt()
			.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
			.toString();
		assertThat(ids(search("patient=" + patient.asString() + "&_lastUpdated=ge" + received)))
			.contains(second.items().get(0).id().asString());
		assertThat(ids(search("patient=" + patient.asString() + "&_lastUpdated=gt2099-01-01"))).isEmpty();
		Bundle included = search("patient=" + patient.asString() + "&_include=ServiceRequest:patient&_count=2");
		assertThat(included.getTotal()).isEqualTo(3);
		assertThat(included.getEntry()).filteredOn(e -> e.getResource() instanceof Patient)
			.singleElement()
			.satisfies(e -> assertThat(e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.INCLUDE));
		included.getEntry().forEach(e -> FhirTestSupport.assertValid(e.getResource()));
		assertThat(ids(search("patient=Practitioner/1"))).isEmpty();
	}

	@Test
	void findsAnItemByItsOwnPlacerOrFillerNumberAsShownInItsIdentifiers() {
		PatientId patient = fixtures.patient();
		LabOrder placed = fixtures.order(patient, "1988-5", "6301-6");
		fixtures.receiveAll(placed);
		LabOrder.Item item = orders.get(placed.id()).items().get(1);
		assertThat(item.fillerNumber()).isNotNull();
		String id = item.id().asString();
		assertThat(ids(search("identifier=urn:continuum:lab:placer-number|" + item.placerNumber())))
			.containsExactly(id);
		assertThat(ids(search("identifier=urn:continuum:lab:filler-number|" + item.fillerNumber())))
			.containsExactly(id);
		assertThat(ids(search("identifier=" + item.placerNumber()))).containsExactly(id);
		assertThat(ids(search("identifier=urn:continuum:lab:filler-number|" + item.placerNumber()))).isEmpty();
		// Every identifier a request shows finds it.
		ServiceRequest read = physician.read().resource(ServiceRequest.class).withId(id).execute();
		for (var identifier : read.getIdentifier()) {
			assertThat(ids(search("identifier=" + identifier.getSystem() + "|" + identifier.getValue())))
				.containsExactly(id);
		}
	}

	private Bundle search(String query) {
		return physician.search().byUrl("ServiceRequest?" + query).returnBundle(Bundle.class).execute();
	}

	static List<String> ids(Bundle bundle) {
		return bundle.getEntry()
			.stream()
			.filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
			.map(e -> e.getResource().getIdElement().getIdPart())
			.toList();
	}

}
