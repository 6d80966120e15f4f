package continuum.imaging.fhir;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IClientExecutable;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import continuum.imaging.ImagingFixtures;
import continuum.imaging.ImagingOrder;
import continuum.imaging.ImagingOrderService;
import continuum.imaging.ImagingOrderStatus;
import continuum.imaging.ImagingPriority;
import continuum.imaging.NewImagingOrder;
import continuum.imaging.ProcedureStepService;
import continuum.imaging.RequestedProcedure;
import continuum.imaging.StepStatus;
import continuum.imaging.WorklistEntry;
import continuum.imaging.WorklistQuery;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.ResultService;
import continuum.lab.SpecimenService;
import continuum.lab.fhir.LabFhirFixtures;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.scheduling.AppointmentType;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
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

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * FHIR ServiceRequest over radiology's requested procedures, beside the laboratory's: a
 * physician's create places an order as the chart does (accession, Requested Procedure
 * ID, Study Instance UID, a step on the worklist, a booking), read and every search
 * parameter, paging across both sources, revocation as the chart's cancellation with its
 * version check; bad input as OperationOutcomes with the right status, the roles that may
 * not order or cancel refused, and the CapabilityStatement naming what is served.
 */
@ContinuumIntegrationTest
class ImagingServiceRequestFhirIntegrationTests {

	static final String CHEST_XR = "36643-5";

	static final String CT_HEAD = "24725-4";

	static final String LOCAL = "urn:continuum:imaging:procedure";

	@LocalServerPort
	int port;

	@Autowired
	ImagingFixtures fixtures;

	@Autowired
	ImagingOrderService orders;

	@Autowired
	ProcedureStepService steps;

	@Autowired
	PatientService patientService;

	@Autowired
	LabOrderService labOrders;

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

	static ServiceRequest order(PatientId patient, String system, String code) {
		ServiceRequest request = new ServiceRequest();
		request.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
		request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
		request.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "363679005", "Imaging")));
		request.setCode(new CodeableConcept(new Coding(system, code, null)));
		request.setPriority(ServiceRequest.ServiceRequestPriority.URGENT);
		request.setSubject(new Reference("Patient/" + patient.asString()));
		request.addReasonCode(new CodeableConcept().setText("Hoofdpijn na val"));
		return request;
	}

	@Test
	void createPlacesAnOrderAsTheChartDoesThatTheWorklistSeesAndReadsBackValid() {
		PatientId patient = fixtures.patient("Vandewalle", "Maïté");
		Instant start = fixtures.freeTimes(AppointmentType.CT, 1).get(0).start();
		ServiceRequest posted = order(patient, "http://loinc.org", CT_HEAD);
		posted.setOccurrence(new DateTimeType(Date.from(start)));
		MethodOutcome outcome = physician.create().resource(posted).execute();
		assertThat(outcome.getCreated()).isTrue();
		String id = outcome.getId().getIdPart();
		assertThat(id).startsWith("img-");

		ImagingOrder placed = as("PHYSICIAN", () -> orders.forPatient(patient, 10)).get(0);
		RequestedProcedure procedure = placed.procedures().get(0);
		assertThat(id).isEqualTo(procedure.serviceRequestId());
		assertThat(placed.orderedBy()).isEqualTo("physician");
		assertThat(placed.priority()).isEqualTo(ImagingPriority.URGENT);
		assertThat(placed.reason()).isEqualTo("Hoofdpijn na val");
		assertThat(procedure.requestedProcedureId()).startsWith("RP");
		assertThat(procedure.step().start()).isEqualTo(start);
		assertThat(procedure.step().appointmentId()).as("booked on the CT schedule").isNotNull();
		List<WorklistEntry> worklist = as("RADIOGRAPHER",
				() -> steps.worklist(new WorklistQuery(Set.of(StepStatus.SCHEDULED), null, "CT", null, null, null, null,
						procedure.accessionNumber(), null, null, null, 10, "test")));
		assertThat(worklist).singleElement().satisfies(entry -> {
			assertThat(entry.requestedProcedure()).isEqualTo(procedure.id());
			assertThat(entry.step().stepId()).isEqualTo(procedure.step().stepId());
		});

		ServiceRequest read = physician.read().resource(ServiceRequest.class).withId(id).execute();
		FhirTestSupport.assertValid(read);
		assertThat(read.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
		assertThat(read.getIntent()).isEqualTo(ServiceRequest.ServiceRequestIntent.ORDER);
		assertThat(read.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.URGENT);
		assertThat(read.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("363679005");
		assertThat(read.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
		assertThat(read.getCode().getCodingFirstRep().getCode()).isEqualTo(CT_HEAD);
		assertThat(read.getSubject().getReference()).isEqualTo("Patient/" + patient.asString());
		assertThat(read.getOccurrenceDateTimeType().getValue().toInstant()).isEqualTo(start);
		assertThat(read.getOrderDetailFirstRep().getCodingFirstRep().getCode()).isEqualTo("CT");
		assertThat(read.getReasonCodeFirstRep().getText()).isEqualTo("Hoofdpijn na val");
		assertThat(read.getRequester().getIdentifier().getValue()).isEqualTo("physician");
		assertThat(read.getIdentifier()).extracting(i -> i.getSystem() + "|" + i.getValue())
			.containsExactly("urn:continuum:imaging:accession|" + procedure.accessionNumber(),
					"urn:continuum:imaging:placer-number|" + placed.placerNumber(),
					"urn:dicom:uid|urn:oid:" + procedure.studyInstanceUid());
		assertThat(read.getIdentifierFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("ACSN");
		assertThat(read.getIdentifier().get(1).getType().getCodingFirstRep().getCode()).isEqualTo("PLAC");
		assertThat(read.getMeta().getVersionId()).isEqualTo("1");
		assertThat(audited("physician", id, "CREATE")).isEqualTo(1);
		assertThat(audited("physician", id, "READ")).isEqualTo(1);
		long feed = jdbc
			.sql("select count(*) from change_feed where resource_type = 'ServiceRequest' and resource_id = :id")
			.param("id", id)
			.query(Long.class)
			.single();
		assertThat(feed).isEqualTo(1);
	}

	@Test
	void searchesByEveryParameterAcrossLaboratoryAndImaging() {
		PatientId patient = fixtures.patient("Claes", "Jérôme");
		ImagingOrder chest = fixtures.order(patient, CHEST_XR, null);
		ImagingOrder hand = fixtures.order(patient, "XR-HAND", null);
		LabOrder lab = new LabFhirFixtures(patientService, labOrders, specimens, results).order(patient, "1988-5");
		String chestId = chest.procedures().get(0).serviceRequestId();
		String handId = hand.procedures().get(0).serviceRequestId();
		String labId = lab.items().get(0).id().asString();
		String p = "patient=" + patient.asString();

		assertThat(ids(search(p))).containsExactlyInAnyOrder(chestId, handId, labId);
		assertThat(ids(search(p + "&category=363679005"))).containsExactly(handId, chestId);
		assertThat(ids(search(p + "&category=http://snomed.info/sct|363679005"))).containsExactly(handId, chestId);
		assertThat(ids(search(p + "&category=http://snomed.info/sct|108252007"))).containsExactly(labId);
		assertThat(ids(search(p + "&category=http://other|363679005"))).isEmpty();
		assertThat(ids(search(p + "&code=http://loinc.org|" + CHEST_XR))).containsExactly(chestId);
		assertThat(ids(search(p + "&code=" + LOCAL + "|XR-HAND"))).containsExactly(handId);
		assertThat(ids(search(p + "&code=http://loinc.org|XR-HAND"))).isEmpty();
		assertThat(ids(search(p + "&category=363679005&status=active"))).hasSize(2);
		assertThat(ids(search(p + "&category=363679005&status=completed,revoked"))).isEmpty();
		assertThat(ids(search(p + "&category=363679005&status=draft"))).isEmpty();
		String placedAt = chest.orderedAt().truncatedTo(ChronoUnit.MILLIS).toString();
		assertThat(ids(search(p + "&category=363679005&authored=ge" + placedAt))).hasSize(2);
		assertThat(ids(search(p + "&category=363679005&authored=lt" + placedAt))).isEmpty();
		assertThat(ids(search(p + "&category=363679005&_lastUpdated=gt2099-01-01"))).isEmpty();

		RequestedProcedure procedure = chest.procedures().get(0);
		assertThat(ids(search("identifier=" + procedure.accessionNumber()))).containsExactly(chestId);
		assertThat(ids(search("identifier=urn:continuum:imaging:accession|" + procedure.accessionNumber())))
			.containsExactly(chestId);
		assertThat(ids(search("identifier=urn:continuum:imaging:placer-number|" + hand.placerNumber())))
			.containsExactly(handId);
		assertThat(ids(search("identifier=" + hand.placerNumber()))).containsExactly(handId);
		assertThat(ids(search("identifier=urn:dicom:uid|urn:oid:" + procedure.studyInstanceUid())))
			.containsExactly(chestId);
		assertThat(ids(search("identifier=http://other|" + procedure.accessionNumber()))).isEmpty();

		Bundle first = search(p + "&_count=2&_include=ServiceRequest:patient");
		assertThat(first.getTotal()).isEqualTo(3);
		assertThat(ids(first)).hasSize(2);
		assertThat(first.getLink("next")).isNotNull();
		assertThat(first.getEntry()).filteredOn(e -> e.getResource() instanceof Patient)
			.singleElement()
			.satisfies(e -> assertThat(e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.INCLUDE));
		first.getEntry().forEach(e -> FhirTestSupport.assertValid(e.getResource()));
		Bundle second = physician.loadPage().next(first).execute();
		assertThat(ids(second)).hasSize(1);
		List<String> paged = new java.util.ArrayList<>(ids(first));
		paged.addAll(ids(second));
		assertThat(paged).containsExactlyInAnyOrder(chestId, handId, labId);
		Bundle imagingOnly = search(p + "&category=363679005&_count=1");
		assertThat(imagingOnly.getTotal()).isEqualTo(2);
		assertThat(ids(imagingOnly)).containsExactly(handId);
		assertThat(audited("physician", chestId, "READ")).isPositive();
	}

	@Test
	void anUpdateRevokesAsTheChartCancelsWithItsVersionChecks() {
		PatientId patient = fixtures.patient("Peeters", "Anaïs");
		ImagingOrder placed = fixtures.order(patient, CHEST_XR, null);
		String id = placed.procedures().get(0).serviceRequestId();
		ServiceRequest read = physician.read().resource(ServiceRequest.class).withId(id).execute();
		read.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED);
		assertOutcome(failure(physician.update().resource(read)), 422, "only cancels");
		read.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
		assertOutcome(failure(physician.update().resource(read)), 422, "needs a reason");
		read.addNote(new Annotation().setText("Dubbel aangevraagd"));
		read.setId(read.getIdElement().withVersion("7"));
		assertOutcome(failure(physician.update().resource(read)), 412, "version");
		read.setId(read.getIdElement().withVersion("1"));
		ServiceRequest revoked = (ServiceRequest) physician.update().resource(read).execute().getResource();
		FhirTestSupport.assertValid(revoked);
		assertThat(revoked.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.REVOKED);
		assertThat(revoked.getNote()).extracting(Annotation::getText).containsExactly("Cancelled: Dubbel aangevraagd");
		assertThat(revoked.getMeta().getVersionId()).isEqualTo("2");

		ImagingOrder cancelled = as("PHYSICIAN", () -> orders.get(placed.id()));
		assertThat(cancelled.status()).isEqualTo(ImagingOrderStatus.REVOKED);
		assertThat(cancelled.cancelReason()).isEqualTo("Dubbel aangevraagd");
		assertThat(cancelled.procedures().get(0).step().status()).isEqualTo(StepStatus.DISCONTINUED);
		assertThat(audited("physician", id, "UPDATE")).isEqualTo(1);

		assertOutcome(failure(physician.update().resource(revoked)), 409, "only an active order is cancelled");
		assertOutcome(failure(physician.update().resource(read)), 412, "version");
		assertThat(ids(search("patient=" + patient.asString() + "&status=revoked"))).containsExactly(id);
	}

	@Test
	void revokingOneProcedureOfASeveralProcedureOrderIsRefused() {
		PatientId patient = fixtures.patient("Wouters", "Chloé");
		ImagingOrder both = as("PHYSICIAN",
				() -> orders.place(NewImagingOrder.fromChart(patient,
						List.of(new NewImagingOrder.Wish(CHEST_XR, null), new NewImagingOrder.Wish("XR-HAND", null)),
						ImagingPriority.ROUTINE, "val")));
		ServiceRequest read = physician.read()
			.resource(ServiceRequest.class)
			.withId(both.procedures().get(0).serviceRequestId())
			.execute();
		read.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
		read.addNote(new Annotation().setText("Niet nodig"));
		assertOutcome(failure(physician.update().resource(read)), 409, "cancel the order from the chart");
		assertThat(as("PHYSICIAN", () -> orders.get(both.id())).status()).isEqualTo(ImagingOrderStatus.ACTIVE);
	}

	@Test
	void refusesBadInputAsOperationOutcomesAndPlacesNothing() {
		PatientId patient = fixtures.patient("Janssens", "Noël");
		assertOutcome(failure(physician.create().resource(order(patient, "http://loinc.org", "99999-9"))), 422,
				"Unknown procedure code 99999-9");
		assertOutcome(failure(physician.create().resource(order(patient, "http://snomed.info/sct", CT_HEAD))), 422,
				"imaging catalogue");
		assertOutcome(failure(physician.create().resource(order(patient, "http://loinc.org", "1988-5"))), 422,
				"ordered under the category laboratory");
		assertOutcome(
				failure(physician.create().resource(order(new PatientId(987_654_321L), "http://loinc.org", CHEST_XR))),
				422, "ServiceRequest.subject references no patient");
		ServiceRequest noSubject = order(patient, "http://loinc.org", CHEST_XR);
		noSubject.setSubject(null);
		assertOutcome(failure(physician.create().resource(noSubject)), 422, "ServiceRequest.subject");
		ServiceRequest otherCategory = order(patient, "http://loinc.org", CHEST_XR);
		otherCategory
			.setCategory(List.of(new CodeableConcept(new Coding("http://snomed.info/sct", "409063005", null))));
		assertOutcome(failure(physician.create().resource(otherCategory)), 422, "ServiceRequest.category must be");
		ServiceRequest twoCategories = order(patient, "http://loinc.org", CHEST_XR);
		twoCategories.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "108252007", null)));
		assertOutcome(failure(physician.create().resource(twoCategories)), 422, "names both");
		ServiceRequest past = order(patient, "http://loinc.org", CHEST_XR);
		past.setOccurrence(new DateTimeType(Date.from(Instant.now().minus(2, ChronoUnit.DAYS))));
		assertOutcome(failure(physician.create().resource(past)), 422, "in the past");
		ServiceRequest draft = order(patient, "http://loinc.org", CHEST_XR);
		draft.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
		assertOutcome(failure(physician.create().resource(draft)), 422, "active");
		assertThat(as("PHYSICIAN", () -> orders.forPatient(patient, 10))).isEmpty();

		assertOutcome(failure(physician.read().resource(ServiceRequest.class).withId("img-987654321")), 404,
				"img-987654321");
		assertOutcome(failure(physician.read().resource(ServiceRequest.class).withId("img-007")), 404, "img-007");
	}

	@Test
	void aNurseReadsButMayNeitherOrderNorCancelAndAnAuditorReadsNothing() {
		PatientId patient = fixtures.patient("Maes", "Zoë");
		IGenericClient nurse = FhirTestSupport.client(port, "nurse");
		assertOutcome(failure(nurse.create().resource(order(patient, "http://loinc.org", CHEST_XR))), 403, "");
		ImagingOrder placed = fixtures.order(patient, CHEST_XR, null);
		String id = placed.procedures().get(0).serviceRequestId();
		ServiceRequest read = nurse.read().resource(ServiceRequest.class).withId(id).execute();
		read.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
		read.addNote(new Annotation().setText("Niet nodig"));
		assertOutcome(failure(nurse.update().resource(read)), 403, "");
		IGenericClient auditor = FhirTestSupport.client(port, "auditor");
		assertOutcome(failure(auditor.read().resource(ServiceRequest.class).withId(id)), 403, "");
		assertThat(as("PHYSICIAN", () -> orders.get(placed.id())).status()).isEqualTo(ImagingOrderStatus.ACTIVE);
		long denied = jdbc
			.sql("select count(*) from audit_log where username = 'nurse' and resource_type = 'ServiceRequest' "
					+ "and resource_id = :id and outcome <> 'SUCCESS'")
			.param("id", id)
			.query(Long.class)
			.single();
		assertThat(denied).isEqualTo(1);
	}

	@Test
	void theCapabilityStatementNamesTheServiceRequestInteractionsAndSearches() {
		CapabilityStatement statement = physician.capabilities().ofType(CapabilityStatement.class).execute();
		var serviceRequest = statement.getRestFirstRep()
			.getResource()
			.stream()
			.filter(r -> r.getType().equals("ServiceRequest"))
			.findFirst()
			.orElseThrow();
		assertThat(serviceRequest.getInteraction().stream().map(i -> i.getCode().toCode())).contains("read", "create",
				"update", "search-type");
		assertThat(serviceRequest.getSearchParam().stream().map(s -> s.getName())).contains("patient", "code", "status",
				"category", "authored", "identifier", "requisition", "_lastUpdated");
	}

	private long audited(String username, String id, String action) {
		return jdbc
			.sql("select count(*) from audit_log where username = :user and resource_type = 'ServiceRequest' "
					+ "and resource_id = :id and action = :action")
			.param("user", username)
			.param("id", id)
			.param("action", action)
			.query(Long.class)
			.single();
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

}
