/**
 * The FHIR R4 face of the laboratory: ServiceRequest (order items), Specimen, Observation
 * (released results only) and DiagnosticReport (the released results of an order item),
 * one resource provider and one mapper per type.
 */
@NullMarked
package continuum.lab.fhir;

import org.jspecify.annotations.NullMarked;
