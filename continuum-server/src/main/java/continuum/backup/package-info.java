/**
 * Backups of the embedded database: encrypted base backups through PostgreSQL's low-level
 * backup API, continuous WAL archiving, point-in-time restore, and verification of every
 * backup by restoring it and checking the copy (docs/operations.md, "Backups").
 */
@NullMarked
package continuum.backup;

import org.jspecify.annotations.NullMarked;
