package continuum.fhir;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

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
	 * any order: what a search of the type by patient finds. {@code fhirBase} is the FHIR
	 * base URL the export was asked on, for resources that point at endpoints beside it.
	 */
	void forPatients(List<Long> patientIds, String fhirBase, Sink sink);

	/**
	 * The export of a type whose records a module's service reads for a page of patients
	 * at once, each mapped by the mapper its reads use.
	 * @param read the records of the page's patients
	 * @param patientOf the id of a record's patient
	 * @param mapper the record as FHIR, given the FHIR base
	 */
	static <T> PatientCompartmentExport of(String resourceType, Function<List<Long>, List<T>> read,
			ToLongFunction<T> patientOf, BiFunction<T, String, ? extends IBaseResource> mapper) {
		return new PatientCompartmentExport() {

			@Override
			public String resourceType() {
				return resourceType;
			}

			@Override
			public void forPatients(List<Long> patientIds, String fhirBase, Sink sink) {
				for (T record : read.apply(patientIds)) {
					sink.accept(patientOf.applyAsLong(record), mapper.apply(record, fhirBase));
				}
			}

		};
	}

	/** Where the resources go, each with the id of the patient it belongs to. */
	@FunctionalInterface
	interface Sink {

		void accept(long patientId, IBaseResource resource);

	}

}
