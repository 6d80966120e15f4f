package continuum.fhir;

import java.util.List;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A resource type of the patient compartment, as the module that serves it gives it to a
 * bulk export (FHIR Bulk Data Access, {@code $export}): the resources of a page of
 * patients at once, each exactly as a read of it answers. Implemented in each module's
 * {@code fhir} package over its export service; several modules may give the same type
 * (ServiceRequest, DiagnosticReport).
 * <p>
 * Not audited by the module: the export that calls it records one EXPORT row per patient
 * per export, in the transaction of the page. The module's service still checks the
 * caller's access to the type.
 */
public interface PatientCompartmentExport {

	/** The resource type given, such as {@code Observation}. */
	String resourceType();

	/**
	 * Hands every resource of the type that belongs to one of these patients (ascending
	 * ids, a page of at most a few thousand) to {@code sink} with its patient's id, in
	 * any order: what a search of the type by patient finds.
	 */
	void forPatients(List<Long> patientIds, Sink sink);

	/** Where the resources go, each with the id of the patient it belongs to. */
	@FunctionalInterface
	interface Sink {

		void accept(long patientId, IBaseResource resource);

	}

}
