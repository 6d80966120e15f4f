package continuum.imaging.fhir;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import continuum.imaging.ImagingReport;
import continuum.imaging.ReportedProcedure;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * A radiology report as an R4 DiagnosticReport with id {@code img-<n>}: category
 * radiology ({@code RAD} of v2-0074 and LOINC {@code LP29684-5}), the procedure as code,
 * based on the ServiceRequest (by accession number), the ImagingStudy the PACS holds for
 * it, the impression as {@code conclusion}, findings and impression as a plain-text
 * {@code presentedForm}, the signing (or writing) radiologist as results interpreter;
 * effective when the images arrived (or the procedure last changed), issued when signed
 * (or last written).
 */
final class ImagingReportMapper {

	private ImagingReportMapper() {
	}

	static DiagnosticReport toFhir(ImagingReport source) {
		ReportedProcedure procedure = source.procedure();
		DiagnosticReport report = new DiagnosticReport();
		report.setId(new IdType("DiagnosticReport", source.id().asString()));
		report.getMeta().setLastUpdated(Date.from(source.updatedAt()));
		report.getMeta().setVersionId(Integer.toString(source.version()));
		report.addIdentifier(ImagingStudyCodes.accession(procedure.accessionNumber()));
		report.addBasedOn(ImagingStudyCodes.basedOn(procedure));
		report.setStatus(DiagnosticReport.DiagnosticReportStatus.fromCode(source.status().fhirCode()));
		report.addCategory(ImagingStudyCodes.radiology());
		report.setCode(ImagingStudyCodes.procedureCode(procedure));
		report.setSubject(new Reference("Patient/" + source.patient().asString()));
		report.setEffective(new DateTimeType(
				Date.from(procedure.imagesReceived() == null ? procedure.updatedAt() : procedure.imagesReceived())));
		report.setIssued(Date.from(source.verifiedAt() == null ? source.updatedAt() : source.verifiedAt()));
		report.addResultsInterpreter(
				ImagingStudyCodes.staff(source.verifiedBy() == null ? source.author() : source.verifiedBy()));
		if (procedure.pacsStudy() != null) {
			report.addImagingStudy(new Reference("ImagingStudy/" + procedure.pacsStudy()));
		}
		if (!source.impression().isEmpty()) {
			report.setConclusion(source.impression());
		}
		report.addPresentedForm(new Attachment().setContentType("text/plain; charset=utf-8")
			.setLanguage("en")
			.setTitle(procedure.procedureName() + " — " + source.status().fhirCode())
			.setData(text(source).getBytes(StandardCharsets.UTF_8))
			.setCreationElement(new DateTimeType(Date.from(source.updatedAt()))));
		return report;
	}

	/** The report as a reader gets it on paper: findings, then the impression. */
	static String text(ImagingReport source) {
		return "FINDINGS\n" + source.findings() + "\n\nIMPRESSION\n" + source.impression() + "\n";
	}

}
