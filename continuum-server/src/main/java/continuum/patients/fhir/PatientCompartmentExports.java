package continuum.patients.fhir;

import java.util.function.Function;

import continuum.fhir.PatientCompartmentExport;
import continuum.patients.ClinicalEntry;
import continuum.patients.ClinicalKind;
import continuum.patients.PatientExportService;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Patient, AllergyIntolerance, MedicationStatement and Condition for a FHIR bulk export:
 * each page of patients read in one query per type through {@link PatientExportService},
 * mapped as a read maps them.
 */
@Configuration(proxyBeanMethods = false)
class PatientCompartmentExports {

	@Bean
	PatientCompartmentExport patientExport(PatientExportService export) {
		return PatientCompartmentExport.of("Patient", export::forBulkExport, p -> p.id().value(),
				(p, base) -> PatientMapper.toFhir(p));
	}

	@Bean
	PatientCompartmentExport allergyIntoleranceExport(PatientExportService export) {
		return clinical(export, ClinicalKind.ALLERGIES, AllergyIntoleranceMapper::toFhir);
	}

	@Bean
	PatientCompartmentExport medicationStatementExport(PatientExportService export) {
		return clinical(export, ClinicalKind.MEDICATIONS, MedicationStatementMapper::toFhir);
	}

	@Bean
	PatientCompartmentExport conditionExport(PatientExportService export) {
		return clinical(export, ClinicalKind.PROBLEMS, ConditionMapper::toFhir);
	}

	private static <T extends ClinicalEntry> PatientCompartmentExport clinical(PatientExportService export,
			ClinicalKind<T> kind, Function<T, ? extends IBaseResource> mapper) {
		return PatientCompartmentExport.of(kind.resourceType(), ids -> export.entriesForBulkExport(kind, ids),
				entry -> entry.patient().value(), (entry, base) -> mapper.apply(entry));
	}

}
