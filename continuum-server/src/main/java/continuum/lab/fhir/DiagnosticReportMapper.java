package continuum.lab.fhir;

import java.util.Date;

import continuum.lab.LabReport;
import continuum.lab.LabResult;
import continuum.lab.LabTest;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * The released results of an order item as an R4 DiagnosticReport with the item's id:
 * category {@code LAB} (HL7 v2 table 0074), the orderable's LOINC code, based on the item
 * (its ServiceRequest), effective = the earliest observation, issued = the latest
 * release, the released Observations (never an unreleased one) and their specimens.
 */
final class DiagnosticReportMapper {

	private DiagnosticReportMapper() {
	}

	static DiagnosticReport toFhir(LabReport source) {
		DiagnosticReport report = new DiagnosticReport();
		report.setId(new IdType("DiagnosticReport", source.item().asString(), Integer.toString(source.version())));
		report.getMeta().setVersionId(Integer.toString(source.version()));
		report.getMeta().setLastUpdated(Date.from(source.lastUpdated()));
		report.addBasedOn(new Reference("ServiceRequest/" + source.item().asString()));
		report.setStatus(DiagnosticReport.DiagnosticReportStatus.fromCode(source.status().fhirCode()));
		report.addCategory(new CodeableConcept(new Coding(LabCodes.DIAGNOSTIC_SERVICE, "LAB", "Laboratory")));
		report.setCode(
				new CodeableConcept(new Coding(LabTest.LOINC, source.orderable().code(), source.orderable().name()))
					.setText(source.orderable().shortName()));
		report.setSubject(new Reference("Patient/" + source.patient().asString()));
		report.setEffective(new DateTimeType(Date.from(source.effective())));
		report.setIssued(Date.from(source.issued()));
		for (LabResult result : source.results()) {
			report.addResult(new Reference("Observation/" + result.id().asString()));
		}
		for (String accession : source.specimens()) {
			report.addSpecimen(new Reference("Specimen/" + accession));
		}
		return report;
	}

}
