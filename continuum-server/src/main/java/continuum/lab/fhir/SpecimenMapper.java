package continuum.lab.fhir;

import java.util.Date;

import continuum.lab.Specimen;
import continuum.lab.SpecimenCondition;
import continuum.lab.SpecimenStatus;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * A specimen as an R4 Specimen, named by its accession number (the id and the accession
 * identifier): type from HL7 v2 table 0487, the container, who collected it and when,
 * when the laboratory received it, and the items (ServiceRequests) it carries. A
 * collected or received specimen is {@code available}; a rejected one
 * {@code unavailable}, with its condition (table 0493 where the table has a code) and the
 * reason as a note; one not yet drawn has no status.
 */
final class SpecimenMapper {

	private SpecimenMapper() {
	}

	static org.hl7.fhir.r4.model.Specimen toFhir(Specimen source) {
		org.hl7.fhir.r4.model.Specimen specimen = new org.hl7.fhir.r4.model.Specimen();
		specimen.setId(new IdType("Specimen", source.accession()));
		specimen.getMeta().setLastUpdated(Date.from(source.updatedAt()));
		specimen
			.setAccessionIdentifier(new Identifier().setSystem(LabCodes.ACCESSION_SYSTEM).setValue(source.accession()));
		if (source.status() == SpecimenStatus.REJECTED) {
			specimen.setStatus(org.hl7.fhir.r4.model.Specimen.SpecimenStatus.UNAVAILABLE);
		}
		else if (source.status() != SpecimenStatus.ORDERED) {
			specimen.setStatus(org.hl7.fhir.r4.model.Specimen.SpecimenStatus.AVAILABLE);
		}
		specimen.setType(new CodeableConcept(
				new Coding(LabCodes.SPECIMEN_TYPE, source.specimenType(), typeDisplay(source.specimenType()))));
		specimen.setSubject(new Reference("Patient/" + source.patient().asString()));
		if (source.receivedAt() != null) {
			specimen.setReceivedTime(Date.from(source.receivedAt()));
		}
		for (var item : source.items()) {
			specimen.addRequest(new Reference("ServiceRequest/" + item.asString()));
		}
		if (source.collectedAt() != null) {
			specimen.getCollection()
				.setCollected(new org.hl7.fhir.r4.model.DateTimeType(Date.from(source.collectedAt())));
			if (source.collectedBy() != null) {
				specimen.getCollection().setCollector(LabCodes.staff(source.collectedBy()));
			}
		}
		specimen.addContainer().setDescription(source.container());
		SpecimenCondition condition = source.condition();
		if (source.status() == SpecimenStatus.REJECTED && condition != null) {
			CodeableConcept concept = new CodeableConcept().setText(condition.label());
			if (condition.hl7Condition() != null) {
				concept.addCoding(new Coding(LabCodes.SPECIMEN_CONDITION, condition.hl7Condition(), null));
			}
			specimen.addCondition(concept);
			String reason = source.rejectionReason() == null ? condition.label() : source.rejectionReason();
			specimen.addNote(new Annotation().setText("Rejected: " + reason));
		}
		if (source.recollectionOf() != null) {
			specimen.addNote(new Annotation().setText("Recollection of specimen " + source.recollectionOf()));
		}
		return specimen;
	}

	/** The display of the table 0487 codes the catalogue uses. */
	private static String typeDisplay(String code) {
		return switch (code) {
			case "BLD" -> "Whole blood";
			case "SER" -> "Serum";
			case "PLAS" -> "Plasma";
			case "UR" -> "Urine";
			default -> code;
		};
	}

}
