/**
 * The FHIR R4 face of scheduling: Schedule, Slot and Appointment resource providers and
 * their mappers.
 */
@NullMarked
package continuum.scheduling.fhir;

import org.jspecify.annotations.NullMarked;
