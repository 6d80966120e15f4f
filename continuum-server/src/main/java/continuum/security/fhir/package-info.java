/** The FHIR R4 face of staff: every account is a Practitioner. */
@NullMarked
package continuum.security.fhir;

import org.jspecify.annotations.NullMarked;
