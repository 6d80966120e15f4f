/**
 * The FHIR R4 face of the patient module: one resource provider and one mapper per
 * resource type.
 */
@NullMarked
package continuum.patients.fhir;

import org.jspecify.annotations.NullMarked;
