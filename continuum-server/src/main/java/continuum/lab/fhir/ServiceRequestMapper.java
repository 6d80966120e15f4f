package continuum.lab.fhir;

import java.util.Date;

import continuum.lab.LabOrder;
import continuum.lab.LabRequest;
import continuum.lab.LabTest;
import continuum.lab.OrderStatus;
import continuum.lab.Specimen;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * An order item as an R4 ServiceRequest: the item's placer and filler numbers as
 * identifiers, the order's placer number as requisition, the orderable's LOINC code, the
 * ordering user as requester (by username identifier, as encounters name practitioners),
 * the clinical note, and the specimens that carry it. Its version is the order's: the
 * {@code If-Match} of a cancellation names it.
 */
final class ServiceRequestMapper {

	/** What starts the note that carries the reason of a cancellation. */
	static final String CANCELLED = "Cancelled: ";

	private ServiceRequestMapper() {
	}

	static ServiceRequest toFhir(LabRequest source) {
		LabOrder order = source.order();
		LabOrder.Item item = source.item();
		ServiceRequest request = new ServiceRequest();
		request.setId(new IdType("ServiceRequest", item.id().asString(), Integer.toString(order.version())));
		request.getMeta().setVersionId(Integer.toString(order.version()));
		request.getMeta().setLastUpdated(Date.from(item.updatedAt()));
		request.addIdentifier(identifier(LabCodes.PLACER_SYSTEM, "PLAC", "Placer Identifier", item.placerNumber()));
		if (item.fillerNumber() != null) {
			request.addIdentifier(identifier(LabCodes.FILLER_SYSTEM, "FILL", "Filler Identifier", item.fillerNumber()));
		}
		request.setRequisition(new Identifier().setSystem(LabCodes.REQUISITION_SYSTEM).setValue(order.placerNumber()));
		request.setStatus(ServiceRequest.ServiceRequestStatus.fromCode(item.status().fhirCode()));
		request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
		request.addCategory(new CodeableConcept(
				new Coding(LabCodes.SNOMED, LabCodes.LABORATORY_PROCEDURE, "Laboratory procedure")));
		request.setPriority(ServiceRequest.ServiceRequestPriority.fromCode(order.priority().fhirCode()));
		request.setCode(new CodeableConcept(new Coding(LabTest.LOINC, item.orderable().code(), item.orderable().name()))
			.setText(item.orderable().shortName()));
		request.setSubject(new Reference("Patient/" + order.patient().asString()));
		request.setAuthoredOn(Date.from(order.orderedAt()));
		request.setRequester(LabCodes.staff(order.orderedBy()));
		if (order.clinicalNote() != null) {
			request.addNote(new Annotation().setText(order.clinicalNote()));
		}
		if (item.status() == OrderStatus.REVOKED && order.cancelReason() != null) {
			request.addNote(new Annotation().setText(CANCELLED + order.cancelReason()));
		}
		for (Specimen specimen : source.specimens()) {
			request.addSpecimen(new Reference("Specimen/" + specimen.accession()));
		}
		return request;
	}

	private static Identifier identifier(String system, String type, String display, String value) {
		Identifier identifier = new Identifier().setSystem(system).setValue(value);
		identifier.setType(new CodeableConcept(new Coding(LabCodes.IDENTIFIER_TYPE, type, display)));
		return identifier;
	}

}
