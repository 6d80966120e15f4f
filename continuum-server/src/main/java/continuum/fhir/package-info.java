/**
 * Hosts the HAPI FHIR R4 plain server at {@code /fhir}: collects every module's resource
 * providers, and owns the interceptors that translate domain errors into
 * OperationOutcomes with the right HTTP status.
 */
@NullMarked
package continuum.fhir;

import org.jspecify.annotations.NullMarked;
