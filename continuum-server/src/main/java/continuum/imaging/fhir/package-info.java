/**
 * Radiology's FHIR resources: ImagingStudy from the PACS index, and the radiology reports
 * as DiagnosticReports of the imaging category.
 */
@NullMarked
package continuum.imaging.fhir;

import org.jspecify.annotations.NullMarked;
