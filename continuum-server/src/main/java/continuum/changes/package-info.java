/**
 * The ordered, gap-free change feed ({@code /api/changes}) that downtime nodes and
 * interfaces follow. Low in the stack so that every clinical module can append to it in
 * the transaction of its change.
 */
@NullMarked
package continuum.changes;

import org.jspecify.annotations.NullMarked;
