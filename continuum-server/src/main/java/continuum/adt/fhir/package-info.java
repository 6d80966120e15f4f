/**
 * The FHIR R4 face of ADT: Encounter and Location resource providers and their mappers.
 */
@NullMarked
package continuum.adt.fhir;

import org.jspecify.annotations.NullMarked;
