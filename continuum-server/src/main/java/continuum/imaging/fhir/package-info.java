/**
 * Radiology's FHIR resources: ImagingStudy from the PACS index, the radiology reports as
 * DiagnosticReports and the requested procedures as ServiceRequests, both of the imaging
 * category.
 */
@NullMarked
package continuum.imaging.fhir;

import org.jspecify.annotations.NullMarked;
