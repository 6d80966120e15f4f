/**
 * DICOMweb (PS3.18) under {@code /dicomweb}: QIDO-RS search, WADO-RS retrieve (objects,
 * metadata, frames, rendered images) and STOW-RS store, over the PACS index and files.
 */
@NullMarked
package continuum.imaging.dicomweb;

import org.jspecify.annotations.NullMarked;
