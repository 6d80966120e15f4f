/**
 * The imaging module's pages: the chart's imaging section (orders, procedures, their
 * reports and images) and its order form, an order's page, the radiographers' worklist
 * per modality and day, the radiologist's reading worklist and report editor, the PACS
 * quarantine, the DICOM peers and the study viewer.
 */
@NullMarked
package continuum.imaging.web;

import org.jspecify.annotations.NullMarked;
