/**
 * Continuity of care when IT fails: the change feed that downtime nodes follow, and later
 * subsystem health, incidents with their extent and duration, impact analysis and
 * backups.
 */
@NullMarked
package continuum.continuity;

import org.jspecify.annotations.NullMarked;
