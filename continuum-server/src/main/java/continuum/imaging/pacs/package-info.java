/**
 * The PACS: durable storage of DICOM objects under the data directory, their index in
 * PostgreSQL, reconciliation with the RIS's orders and the patient register, the
 * quarantine, and the index queries behind C-FIND, C-MOVE and C-GET.
 */
@NullMarked
package continuum.imaging.pacs;

import org.jspecify.annotations.NullMarked;
