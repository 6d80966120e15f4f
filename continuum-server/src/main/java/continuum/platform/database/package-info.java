/**
 * The one database: the embedded PostgreSQL in the data directory or an external one.
 * Published as the {@code database} named interface so that the backup module can copy,
 * restore and check the embedded cluster.
 */
@NullMarked
@NamedInterface("database")
package continuum.platform.database;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
