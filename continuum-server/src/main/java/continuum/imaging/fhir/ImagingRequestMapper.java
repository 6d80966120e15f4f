package continuum.imaging.fhir;

import java.util.Date;

import continuum.imaging.ImagingOrder;
import continuum.imaging.ImagingProcedure;
import continuum.imaging.ImagingRequest;
import continuum.imaging.ProcedureStatus;
import continuum.imaging.ProcedureStep;
import continuum.imaging.RequestedProcedure;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * A requested procedure as an R4 ServiceRequest of the imaging category (SNOMED CT
 * 363679005), after HL7's Imaging ServiceRequest guidance: the Accession Number as the
 * {@code ACSN} identifier, the placer order number as {@code PLAC} (assigned by the
 * placer application), the Study Instance UID as an {@code urn:dicom:uid} identifier (as
 * ImagingStudy carries it); the catalogue's procedure code; the scheduled step as
 * {@code occurrenceDateTime} (its start) and {@code orderDetail} (its modality); the
 * order's reason as {@code reasonCode} text; the ordering user as requester. Its status
 * follows the procedure: active until performed, completed, or revoked when cancelled or
 * discontinued.
 */
final class ImagingRequestMapper {

	/** What starts the note that carries the reason of a cancellation. */
	static final String CANCELLED = "Cancelled: ";

	private ImagingRequestMapper() {
	}

	static ServiceRequest toFhir(ImagingRequest source) {
		ImagingOrder order = source.order();
		RequestedProcedure procedure = source.procedure();
		ImagingProcedure orderable = procedure.procedure();
		ProcedureStep step = procedure.step();
		String version = Integer.toString(procedure.version());
		ServiceRequest request = new ServiceRequest();
		request.setId(new IdType("ServiceRequest", procedure.serviceRequestId(), version));
		request.getMeta().setVersionId(version);
		request.getMeta().setLastUpdated(Date.from(procedure.updatedAt()));
		request.addIdentifier(ImagingStudyCodes.accession(procedure.accessionNumber()));
		Identifier placer = request.addIdentifier()
			.setSystem(ImagingStudyCodes.PLACER_SYSTEM)
			.setValue(order.placerNumber())
			.setAssigner(new Reference().setDisplay(order.placerApplication()));
		placer.getType().addCoding(new Coding(ImagingStudyCodes.IDENTIFIER_TYPE, "PLAC", "Placer Identifier"));
		request.addIdentifier(ImagingStudyCodes.studyUid(procedure.studyInstanceUid()));
		request.setStatus(status(procedure.status()));
		request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
		request.addCategory(ImagingStudyCodes.imagingCategory());
		request.setPriority(ServiceRequest.ServiceRequestPriority.fromCode(order.priority().fhirCode()));
		request.setCode(new CodeableConcept(
				new Coding(ImagingStudyCodes.system(orderable.codingScheme()), orderable.code(), orderable.display()))
			.setText(orderable.display()));
		request.addOrderDetail(new CodeableConcept(ImagingStudyCodes.modality(step.modality())).setText(
				step.stationAeTitle() == null ? step.modality() : step.modality() + " on " + step.stationAeTitle()));
		request.setSubject(new Reference("Patient/" + order.patient().asString()));
		request.setOccurrence(new DateTimeType(Date.from(step.start())));
		request.setAuthoredOn(Date.from(order.orderedAt()));
		request.setRequester(ImagingStudyCodes.staff(order.orderedBy()));
		if (order.reason() != null) {
			request.addReasonCode(new CodeableConcept().setText(order.reason()));
		}
		if (!orderable.bodyPart().isEmpty()) {
			request.addBodySite(new CodeableConcept().setText(orderable.bodyPart()));
		}
		if (procedure.status() == ProcedureStatus.CANCELLED && order.cancelReason() != null) {
			request.addNote(new Annotation().setText(CANCELLED + order.cancelReason()));
		}
		return request;
	}

	/**
	 * Active until performed; revoked when cancelled or discontinued (as the order is).
	 */
	static ServiceRequest.ServiceRequestStatus status(ProcedureStatus status) {
		return switch (status) {
			case SCHEDULED, IN_PROGRESS -> ServiceRequest.ServiceRequestStatus.ACTIVE;
			case COMPLETED -> ServiceRequest.ServiceRequestStatus.COMPLETED;
			case DISCONTINUED, CANCELLED -> ServiceRequest.ServiceRequestStatus.REVOKED;
		};
	}

}
