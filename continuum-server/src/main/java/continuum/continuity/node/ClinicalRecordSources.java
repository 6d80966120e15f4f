package continuum.continuity.node;

import continuum.patients.Allergy;
import continuum.patients.ClinicalKind;
import continuum.patients.Medication;
import continuum.patients.PatientExportService;
import continuum.patients.Problem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The three sources of clinical entries, one per kind. */
@Configuration(proxyBeanMethods = false)
class ClinicalRecordSources {

	@Bean
	ClinicalRecords<Allergy> allergyRecords(PatientExportService patients) {
		return new ClinicalRecords<>(patients, ClinicalKind.ALLERGIES, ClinicalRecords::allergy);
	}

	@Bean
	ClinicalRecords<Medication> medicationRecords(PatientExportService patients) {
		return new ClinicalRecords<>(patients, ClinicalKind.MEDICATIONS, ClinicalRecords::medication);
	}

	@Bean
	ClinicalRecords<Problem> problemRecords(PatientExportService patients) {
		return new ClinicalRecords<>(patients, ClinicalKind.PROBLEMS, ClinicalRecords::problem);
	}

}
