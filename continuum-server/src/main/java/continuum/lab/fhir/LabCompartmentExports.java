package continuum.lab.fhir;

import continuum.fhir.PatientCompartmentExport;
import continuum.lab.LabSearchService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The laboratory's ServiceRequest, Specimen, Observation (released results only, as a
 * search gives them) and DiagnosticReport for a FHIR bulk export, through
 * {@link LabSearchService}, mapped as a read maps them.
 */
@Configuration(proxyBeanMethods = false)
class LabCompartmentExports {

	@Bean
	PatientCompartmentExport labServiceRequestExport(LabSearchService search) {
		return PatientCompartmentExport.of("ServiceRequest", search::requestsForBulkExport,
				r -> r.order().patient().value(), (record, base) -> ServiceRequestMapper.toFhir(record));
	}

	@Bean
	PatientCompartmentExport labSpecimenExport(LabSearchService search) {
		return PatientCompartmentExport.of("Specimen", search::specimensForBulkExport, s -> s.patient().value(),
				(record, base) -> SpecimenMapper.toFhir(record));
	}

	@Bean
	PatientCompartmentExport labObservationExport(LabSearchService search) {
		return PatientCompartmentExport.of("Observation", search::resultsForBulkExport, r -> r.patient().value(),
				(record, base) -> ObservationMapper.toFhir(record));
	}

	@Bean
	PatientCompartmentExport labDiagnosticReportExport(LabSearchService search) {
		return PatientCompartmentExport.of("DiagnosticReport", search::reportsForBulkExport, r -> r.patient().value(),
				(record, base) -> DiagnosticReportMapper.toFhir(record));
	}

}
