/**
 * The node's local store: H2 in file mode, encrypted with AES under a key kept outside
 * the data directory; every feed batch is applied in one transaction.
 */
@NullMarked
package continuum.downtime.store;

import org.jspecify.annotations.NullMarked;
