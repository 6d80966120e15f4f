/**
 * Radiology and the PACS (IHE Scheduled Workflow): imaging orders, requested procedures
 * and scheduled procedure steps, the modality worklist and MPPS, DICOM storage, index,
 * query/retrieve and DICOMweb, and reports — on the {@code continuum-dicom} library.
 */
@NullMarked
package continuum.imaging;

import org.jspecify.annotations.NullMarked;
