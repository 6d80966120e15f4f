/**
 * The component catalogue and the probes that measure each component on a schedule, in
 * parallel, each within a hard timeout; their results feed the incident state machine.
 */
@NullMarked
package continuum.continuity.probes;

import org.jspecify.annotations.NullMarked;
