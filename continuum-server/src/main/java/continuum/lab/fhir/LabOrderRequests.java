package continuum.lab.fhir;

import java.util.List;
import java.util.stream.Collectors;

import continuum.fhir.ResourceIds;
import continuum.lab.LabItemId;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.LabRequest;
import continuum.lab.LabTest;
import continuum.lab.NewLabOrder;
import continuum.lab.OrderStatus;
import continuum.lab.Priority;
import continuum.patients.PatientId;
import continuum.patients.PatientNotFoundException;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Reads a posted or put ServiceRequest into a laboratory order: a create is a one-item
 * order of the LOINC-coded orderable for the subject, placed by the caller (who is the
 * requester, whatever the resource names); an update may only cancel the item
 * ({@code revoked}), with the reason as a note.
 */
@Component
class LabOrderRequests {

	private final LabOrderService orders;

	LabOrderRequests(LabOrderService orders) {
		this.orders = orders;
	}

	LabRequest place(ServiceRequest resource) {
		// What is ordered first: a request for another service (physiotherapy, education)
		// or for no test of ours is refused for that, whatever its status.
		for (CodeableConcept category : resource.getCategory()) {
			if (!laboratory(category)) {
				throw new InvalidInputException("ServiceRequest.category must be laboratory (SNOMED CT "
						+ LabCodes.LABORATORY_PROCEDURE + " or observation-category laboratory)");
			}
		}
		String test = loinc(resource.getCode());
		if (resource.hasStatus() && resource.getStatus() != ServiceRequest.ServiceRequestStatus.ACTIVE) {
			throw new InvalidInputException("A new laboratory order is active, not " + resource.getStatus().toCode());
		}
		// original-order is an order as its placer wrote it (R4 request-intent), which is
		// what
		// a new order here is; reflex and instance orders are the laboratory's own.
		if (resource.hasIntent() && resource.getIntent() != ServiceRequest.ServiceRequestIntent.ORDER
				&& resource.getIntent() != ServiceRequest.ServiceRequestIntent.ORIGINALORDER) {
			throw new InvalidInputException(
					"A laboratory order has intent order (or original-order), not " + resource.getIntent().toCode());
		}
		PatientId patient = new PatientId(
				ResourceIds.required(resource.getSubject(), "Patient", "ServiceRequest.subject"));
		Priority priority = resource.hasPriority() ? Priority.ofFhirCode(resource.getPriority().toCode())
				: Priority.ROUTINE;
		String note = resource.getNote()
			.stream()
			.filter(Annotation::hasText)
			.map(Annotation::getText)
			.collect(Collectors.joining("\n"));
		LabOrder order;
		try {
			order = orders.place(new NewLabOrder(patient, List.of(test), priority, note));
		}
		catch (PatientNotFoundException ex) {
			throw new InvalidInputException("ServiceRequest.subject references no patient of this server");
		}
		return new LabRequest(order, order.items().get(0));
	}

	LabRequest change(LabItemId item, @Nullable Integer expectedVersion, ServiceRequest resource) {
		LabOrder current = orders.orderOfItem(item);
		if (!resource.hasStatus()) {
			throw new InvalidInputException("ServiceRequest.status is required");
		}
		String target = resource.getStatus().toCode();
		OrderStatus now = current.item(item).status();
		if (target.equals(now.fhirCode())) {
			if (expectedVersion != null && expectedVersion != current.version()) {
				throw new VersionConflictException("ServiceRequest " + item + " is at version " + current.version()
						+ ", not the expected version " + expectedVersion);
			}
			return new LabRequest(current, current.item(item));
		}
		if (resource.getStatus() != ServiceRequest.ServiceRequestStatus.REVOKED) {
			throw new InvalidInputException(
					"An update of a laboratory ServiceRequest only cancels it (status revoked), " + "not " + target);
		}
		LabOrder cancelled = orders.cancel(current.id(), List.of(item), reason(resource, current), expectedVersion);
		return new LabRequest(cancelled, cancelled.item(item));
	}

	/**
	 * The reason of a cancellation: the last note that is not the order's clinical note
	 * (a leading "Cancelled: " left out).
	 */
	private static String reason(ServiceRequest resource, LabOrder current) {
		String reason = "";
		for (Annotation note : resource.getNote()) {
			String text = note.hasText() ? note.getText().strip() : "";
			if (!text.isEmpty() && !text.equals(current.clinicalNote())) {
				reason = text.startsWith(ServiceRequestMapper.CANCELLED)
						? text.substring(ServiceRequestMapper.CANCELLED.length()).strip() : text;
			}
		}
		return reason;
	}

	private static String loinc(CodeableConcept code) {
		return code.getCoding()
			.stream()
			.filter(c -> LabTest.LOINC.equals(c.getSystem()) && c.hasCode())
			.map(Coding::getCode)
			.findFirst()
			.orElseThrow(() -> new InvalidInputException(
					"ServiceRequest.code must name an orderable test by its LOINC code (system " + LabTest.LOINC
							+ ")"));
	}

	/** Whether a category is the laboratory's (SNOMED CT, or observation-category). */
	static boolean laboratory(CodeableConcept category) {
		return category.getCoding()
			.stream()
			.anyMatch(c -> (LabCodes.SNOMED.equals(c.getSystem()) && LabCodes.LABORATORY_PROCEDURE.equals(c.getCode()))
					|| (LabCodes.OBSERVATION_CATEGORY.equals(c.getSystem()) && "laboratory".equals(c.getCode())));
	}

}
