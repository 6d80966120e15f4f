/**
 * Continuity of care when IT fails: the components the hospital depends on, their probes,
 * incidents with extent and duration, the status page and impact analysis. Sits above the
 * clinical modules it watches.
 */
@NullMarked
package continuum.continuity;

import org.jspecify.annotations.NullMarked;
