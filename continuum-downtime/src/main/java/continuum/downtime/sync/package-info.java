/**
 * Sync: the initial full load (manifest, snapshot per type) and then the change feed,
 * each batch of records applied with its new position in one transaction; one
 * {@link continuum.downtime.sync.RecordMapper} per resource type.
 */
@NullMarked
package continuum.downtime.sync;

import org.jspecify.annotations.NullMarked;
