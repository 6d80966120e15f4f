package continuum.patients.fhir;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

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
		return new Source<>("Patient", export::forBulkExport, p -> p.id().value(), PatientMapper::toFhir);
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
		return new Source<>(kind.resourceType(), ids -> export.entriesForBulkExport(kind, ids),
				entry -> entry.patient().value(), mapper);
	}

	/**
	 * One type: a read of the page's records, each record's patient, and the mapper a
	 * FHIR read uses.
	 */
	private record Source<T>(String resourceType, Function<List<Long>, List<T>> read, ToLongFunction<T> patient,
			Function<T, ? extends IBaseResource> mapper) implements PatientCompartmentExport {

		@Override
		public void forPatients(List<Long> patientIds, Sink sink) {
			for (T record : read.apply(patientIds)) {
				sink.accept(patient.applyAsLong(record), mapper.apply(record));
			}
		}

	}

}
