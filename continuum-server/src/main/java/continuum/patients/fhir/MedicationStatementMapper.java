package continuum.patients.fhir;

import java.math.BigDecimal;
import java.util.Date;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import continuum.patients.Medication;
import continuum.fhir.ResourceIds;
import continuum.patients.PatientId;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.jspecify.annotations.Nullable;

/**
 * Maps medications to FHIR R4 MedicationStatement and back. A dose such as "500 mg"
 * becomes a dose quantity; the whole dosage is also given as text; route and frequency
 * travel as text. The medication is taken from {@code medicationCodeableConcept} or from
 * a contained Medication's code, and is answered as {@code medicationCodeableConcept}. An
 * {@code effectiveDateTime} is kept as a period of that one day.
 */
final class MedicationStatementMapper {

	private MedicationStatementMapper() {
	}

	static MedicationStatement toFhir(Medication medication) {
		MedicationStatement resource = new MedicationStatement();
		resource.setId("MedicationStatement/" + medication.id() + "/_history/" + medication.version());
		resource.setMeta(new Meta().setVersionId(Integer.toString(medication.version()))
			.setLastUpdated(Date.from(medication.lastUpdated())));
		resource.setStatus(MedicationStatementStatus.fromCode(medication.status()));
		resource.setMedication(ClinicalCodes.concept(medication.drug()));
		resource.setSubject(new Reference("Patient/" + medication.patient().asString()));
		if (medication.periodStart() != null || medication.periodEnd() != null) {
			resource.setEffective(new Period().setStartElement(FhirDates.dateTime(medication.periodStart()))
				.setEndElement(FhirDates.dateTime(medication.periodEnd())));
		}
		if (!medication.dosage().isEmpty()) {
			Dosage dosage = resource.addDosage().setText(medication.dosage());
			if (medication.route() != null) {
				dosage.setRoute(new CodeableConcept().setText(medication.route()));
			}
			if (medication.frequency() != null) {
				dosage.setTiming(new Timing().setCode(new CodeableConcept().setText(medication.frequency())));
			}
			Quantity dose = dose(medication.dose());
			if (dose != null) {
				dosage.addDoseAndRate().setDose(dose);
			}
		}
		return resource;
	}

	static Medication fromFhir(MedicationStatement resource) {
		PatientId patient = new PatientId(
				ResourceIds.required(resource.getSubject(), "Patient", "MedicationStatement.subject"));
		String status = ClinicalCodes.code(resource.getStatusElement(), "MedicationStatement.status");
		if (status == null) {
			throw new UnprocessableEntityException("MedicationStatement.status is required");
		}
		CodeableConcept drug = drug(resource);
		String dose = null;
		String route = null;
		String frequency = null;
		if (!resource.getDosage().isEmpty()) {
			Dosage dosage = resource.getDosageFirstRep();
			if (dosage.hasDoseAndRate() && dosage.getDoseAndRateFirstRep().hasDoseQuantity()) {
				Quantity q = dosage.getDoseAndRateFirstRep().getDoseQuantity();
				dose = (q.hasValue() ? q.getValue().stripTrailingZeros().toPlainString() : "")
						+ (q.hasUnit() ? " " + q.getUnit() : "");
			}
			route = dosage.hasRoute() ? ClinicalCodes.code(dosage.getRoute(), "Dosage.route").text() : null;
			frequency = dosage.hasTiming() && dosage.getTiming().hasCode()
					? ClinicalCodes.code(dosage.getTiming().getCode(), "Dosage.timing.code").text() : null;
		}
		Period period = resource.hasEffectivePeriod() ? resource.getEffectivePeriod() : null;
		if (resource.hasEffectiveDateTimeType()) {
			// Taken at one time: kept, as every period here, to the day, as that one day.
			var day = resource.getEffectiveDateTimeType();
			period = new Period().setStartElement(day).setEndElement(day);
		}
		return Medication.of(patient, ClinicalCodes.code(drug, "MedicationStatement.medication"), dose, route,
				frequency, status, period == null ? null : FhirDates.date(period.getStartElement()),
				period == null ? null : FhirDates.date(period.getEndElement()));
	}

	/**
	 * What was taken: {@code medicationCodeableConcept}, or the code of the Medication
	 * that {@code medicationReference} names among the contained resources. A Medication
	 * elsewhere is not read: this server keeps no Medication resources.
	 */
	private static CodeableConcept drug(MedicationStatement resource) {
		if (resource.hasMedicationCodeableConcept()) {
			return resource.getMedicationCodeableConcept();
		}
		if (!resource.hasMedicationReference()) {
			throw new UnprocessableEntityException(
					"MedicationStatement.medication[x] is required (a medicationCodeableConcept, or a medicationReference to a contained Medication)");
		}
		String reference = resource.getMedicationReference().getReference();
		if (reference == null || !reference.startsWith("#")) {
			throw new UnprocessableEntityException(
					"MedicationStatement.medicationReference must name a contained Medication (#id): Medication resources are not served");
		}
		for (Resource contained : resource.getContained()) {
			if (contained instanceof org.hl7.fhir.r4.model.Medication medication
					&& reference.substring(1).equals(localId(contained))) {
				if (!medication.hasCode()) {
					throw new UnprocessableEntityException(
							"The contained Medication " + reference + " needs a code (or a text)");
				}
				return medication.getCode();
			}
		}
		throw new UnprocessableEntityException(
				"MedicationStatement.medicationReference " + reference + " names no contained Medication");
	}

	private static @Nullable String localId(Resource contained) {
		String id = contained.getIdElement().getValue();
		return id != null && id.startsWith("#") ? id.substring(1) : id;
	}

	/**
	 * "500 mg" as a quantity of 500 with unit mg; null when the dose is not a number and
	 * a unit.
	 */
	static @Nullable Quantity dose(@Nullable String dose) {
		if (dose == null) {
			return null;
		}
		var matcher = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s+(\\S.*)").matcher(dose);
		if (!matcher.matches()) {
			return null;
		}
		return new Quantity().setValue(new BigDecimal(matcher.group(1))).setUnit(matcher.group(2));
	}

}
