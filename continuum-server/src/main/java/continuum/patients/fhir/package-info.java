/**
 * The FHIR R4 face of the patient module: one resource provider and one mapper per
 * resource type. Published as the {@code fhir} named interface for
 * {@link continuum.patients.fhir.PatientResources}, which other modules' providers use to
 * include patients.
 */
@NullMarked
@NamedInterface("fhir")
package continuum.patients.fhir;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
