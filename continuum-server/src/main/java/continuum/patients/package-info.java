/**
 * Patient identity (MRN and other identifiers), demographics, merge, and the clinical
 * record of allergies, medications and problems; with accent-insensitive search and the
 * FHIR R4 mapping of all of it.
 */
@NullMarked
package continuum.patients;

import org.jspecify.annotations.NullMarked;
