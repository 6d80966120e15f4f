/**
 * Incidents: opened and resolved by the probe state machine, declared, corrected and
 * resolved by IT; versions that are never changed and a timeline of updates.
 */
@NullMarked
package continuum.continuity.incidents;

import org.jspecify.annotations.NullMarked;
