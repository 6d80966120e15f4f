/**
 * The DIMSE services the server's DICOM AE offers: each a {@code DimseService} bean that
 * {@link continuum.imaging.DicomAe} collects.
 */
@NullMarked
package continuum.imaging.dimse;

import org.jspecify.annotations.NullMarked;
