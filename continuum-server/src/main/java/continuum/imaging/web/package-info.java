/**
 * The imaging module's pages: the PACS quarantine and the DICOM peers.
 */
@NullMarked
package continuum.imaging.web;

import org.jspecify.annotations.NullMarked;
