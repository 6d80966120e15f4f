package continuum.imaging.fhir;

import continuum.fhir.PatientCompartmentExport;
import continuum.imaging.ImagingReportService;
import continuum.imaging.ImagingRequestService;
import continuum.imaging.ImagingStudyService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Imaging's ServiceRequest, DiagnosticReport (released reports, as a search gives them)
 * and ImagingStudy (its endpoint the DICOMweb base beside the export's FHIR base) for a
 * FHIR bulk export, mapped as a read maps them.
 */
@Configuration(proxyBeanMethods = false)
class ImagingCompartmentExports {

	@Bean
	PatientCompartmentExport imagingServiceRequestExport(ImagingRequestService requests) {
		return PatientCompartmentExport.of("ServiceRequest", requests::forBulkExport, r -> r.order().patient().value(),
				(request, base) -> ImagingRequestMapper.toFhir(request));
	}

	@Bean
	PatientCompartmentExport imagingDiagnosticReportExport(ImagingReportService reports) {
		return PatientCompartmentExport.of("DiagnosticReport", reports::forBulkExport, r -> r.patient().value(),
				(report, base) -> ImagingReportMapper.toFhir(report));
	}

	@Bean
	PatientCompartmentExport imagingStudyExport(ImagingStudyService studies) {
		return PatientCompartmentExport.of("ImagingStudy", studies::forBulkExport, s -> s.patient().value(),
				(study, base) -> ImagingStudyMapper.toFhir(study, ImagingStudyResourceProvider.dicomWeb(base)));
	}

}
