package continuum.imaging.fhir;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import continuum.fhir.ResourceIds;
import continuum.imaging.ImagingCatalogue;
import continuum.imaging.ImagingOrder;
import continuum.imaging.ImagingOrderService;
import continuum.imaging.ImagingPriority;
import continuum.imaging.ImagingProcedure;
import continuum.imaging.ImagingRequest;
import continuum.imaging.ImagingRequestService;
import continuum.imaging.NewImagingOrder;
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
 * Reads a posted or put imaging ServiceRequest into the RIS: a create is a one-procedure
 * order placed as the chart places it (the caller is the orderer, whatever the resource
 * names as requester): the catalogue procedure its code names, the subject, the priority,
 * {@code occurrenceDateTime} as the wished start (none: the first free time) and the
 * {@code reasonCode} texts as reason. An update may only revoke it, with the reason as a
 * note.
 */
@Component
class ImagingOrderRequests {

	private final ImagingOrderService orders;

	private final ImagingRequestService requests;

	private final ImagingCatalogue catalogue;

	ImagingOrderRequests(ImagingOrderService orders, ImagingRequestService requests, ImagingCatalogue catalogue) {
		this.orders = orders;
		this.requests = requests;
		this.catalogue = catalogue;
	}

	ImagingRequest place(ServiceRequest resource) {
		if (resource.hasStatus() && resource.getStatus() != ServiceRequest.ServiceRequestStatus.ACTIVE) {
			throw new InvalidInputException("A new imaging order is active, not " + resource.getStatus().toCode());
		}
		if (resource.hasIntent() && resource.getIntent() != ServiceRequest.ServiceRequestIntent.ORDER) {
			throw new InvalidInputException("An imaging order has intent order, not " + resource.getIntent().toCode());
		}
		PatientId patient = new PatientId(
				ResourceIds.required(resource.getSubject(), "Patient", "ServiceRequest.subject"));
		ImagingProcedure procedure = procedure(resource.getCode());
		ImagingPriority priority = resource.hasPriority() ? ImagingPriority.ofFhirCode(resource.getPriority().toCode())
				: ImagingPriority.ROUTINE;
		String reason = resource.getReasonCode()
			.stream()
			.map(ImagingOrderRequests::text)
			.filter(t -> !t.isBlank())
			.collect(Collectors.joining("; "));
		ImagingOrder order;
		try {
			order = orders.place(NewImagingOrder.fromChart(patient,
					List.of(new NewImagingOrder.Wish(procedure.code(), wished(resource))), priority, reason));
		}
		catch (PatientNotFoundException ex) {
			throw new InvalidInputException("ServiceRequest.subject references no patient of this server");
		}
		return ImagingRequest.of(order, order.procedures().get(0).id());
	}

	ImagingRequest change(long procedure, @Nullable Integer expectedVersion, ServiceRequest resource) {
		if (!resource.hasStatus()) {
			throw new InvalidInputException("ServiceRequest.status is required");
		}
		if (resource.getStatus() == ServiceRequest.ServiceRequestStatus.REVOKED) {
			return requests.revoke(procedure, reason(resource), expectedVersion);
		}
		ImagingRequest current = requests.get(procedure);
		if (resource.getStatus() != ImagingRequestMapper.status(current.procedure().status())) {
			throw new InvalidInputException("An update of an imaging ServiceRequest only cancels it (status revoked), "
					+ "not " + resource.getStatus().toCode());
		}
		if (expectedVersion != null && expectedVersion != current.procedure().version()) {
			throw new VersionConflictException("ServiceRequest " + current.procedure().serviceRequestId()
					+ " is at version " + current.procedure().version() + ", not " + expectedVersion);
		}
		return current;
	}

	/**
	 * The catalogue procedure a code names: a coding in the system of the procedure's
	 * coding scheme (LOINC, or our own for local codes).
	 */
	private ImagingProcedure procedure(CodeableConcept code) {
		List<Coding> ours = code.getCoding()
			.stream()
			.filter(c -> c.hasCode() && (ImagingStudyCodes.LOINC.equals(c.getSystem())
					|| ImagingStudyCodes.LOCAL_PROCEDURES.equals(c.getSystem())))
			.toList();
		if (ours.isEmpty()) {
			throw new InvalidInputException(
					"ServiceRequest.code must name a procedure of the imaging catalogue (system "
							+ ImagingStudyCodes.LOINC + " or " + ImagingStudyCodes.LOCAL_PROCEDURES + ")");
		}
		return ours.stream()
			.map(c -> known(c))
			.flatMap(Optional::stream)
			.findFirst()
			.orElseThrow(() -> new InvalidInputException(
					"Unknown procedure code " + ours.get(0).getCode() + " (not in the imaging catalogue)"));
	}

	/**
	 * The catalogue's procedure of a coding, when the coding's system is its scheme's.
	 */
	Optional<ImagingProcedure> known(Coding coding) {
		return catalogue.procedure(coding.getCode())
			.filter(p -> ImagingStudyCodes.system(p.codingScheme()).equals(coding.getSystem()));
	}

	private static @Nullable Instant wished(ServiceRequest resource) {
		if (!resource.hasOccurrence()) {
			return null;
		}
		if (!resource.hasOccurrenceDateTimeType() || resource.getOccurrenceDateTimeType().getValue() == null) {
			throw new InvalidInputException("ServiceRequest.occurrence must be a dateTime, the wished start");
		}
		return resource.getOccurrenceDateTimeType().getValue().toInstant();
	}

	private static String text(CodeableConcept concept) {
		if (concept.hasText()) {
			return concept.getText().strip();
		}
		return concept.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst().orElse("");
	}

	/** The reason of a revocation: the last note (a leading "Cancelled: " left out). */
	private static String reason(ServiceRequest resource) {
		String reason = "";
		for (Annotation note : resource.getNote()) {
			String text = note.hasText() ? note.getText().strip() : "";
			if (!text.isEmpty()) {
				reason = text.startsWith(ImagingRequestMapper.CANCELLED)
						? text.substring(ImagingRequestMapper.CANCELLED.length()).strip() : text;
			}
		}
		return reason;
	}

}
