package continuum.lab.fhir;

import java.math.BigDecimal;
import java.util.Date;

import continuum.lab.AbnormalFlag;
import continuum.lab.LabResult;
import continuum.lab.LabTest;
import continuum.lab.ReferenceRange;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.jspecify.annotations.Nullable;

/**
 * A released result as an R4 Observation of category laboratory: LOINC code, a number as
 * {@code valueQuantity} in UCUM (with its comparator beyond the measuring range) or a
 * text as {@code valueString}, the reference range that applied, the abnormal flag as a
 * v3 ObservationInterpretation (HL7 v2 table 0078 uses the same codes), method, the
 * analyzer as device display, the releasing clinical biologist as performer, issued = the
 * release. Its version is the result's, which each step (entry, verification, release,
 * correction) raises.
 */
final class ObservationMapper {

	private ObservationMapper() {
	}

	static Observation toFhir(LabResult source) {
		Observation observation = new Observation();
		observation.setId(new IdType("Observation", source.id().asString(), Integer.toString(source.version())));
		observation.getMeta().setVersionId(Integer.toString(source.version()));
		observation.getMeta().setLastUpdated(Date.from(source.updatedAt()));
		observation.setStatus(Observation.ObservationStatus.fromCode(source.status().fhirCode()));
		observation.addBasedOn(new Reference("ServiceRequest/" + source.item().asString()));
		observation
			.addCategory(new CodeableConcept(new Coding(LabCodes.OBSERVATION_CATEGORY, "laboratory", "Laboratory")));
		LabTest test = source.test();
		observation.setCode(
				new CodeableConcept(new Coding(LabTest.LOINC, test.code(), test.name())).setText(test.shortName()));
		observation.setSubject(new Reference("Patient/" + source.patient().asString()));
		observation.setEffective(new org.hl7.fhir.r4.model.DateTimeType(Date.from(source.observedAt())));
		if (source.releasedAt() != null) {
			observation.setIssued(Date.from(source.releasedAt()));
		}
		if (source.releasedBy() != null) {
			observation.addPerformer(LabCodes.staff(source.releasedBy()));
		}
		if (source.value().number() != null) {
			Quantity quantity = quantity(source.value().number(), source.unit());
			if (source.value().comparator() != null) {
				quantity.setComparator(Quantity.QuantityComparator.fromCode(source.value().comparator()));
			}
			observation.setValue(quantity);
		}
		else {
			observation.setValue(new org.hl7.fhir.r4.model.StringType(source.value().text()));
		}
		AbnormalFlag flag = source.flag();
		if (flag != null) {
			observation
				.addInterpretation(new CodeableConcept(new Coding(LabCodes.INTERPRETATION, flag.code(), flag.label())));
		}
		if (source.method() != null) {
			observation.setMethod(new CodeableConcept().setText(source.method()));
		}
		if (source.analyzer() != null) {
			observation.setDevice(new Reference().setDisplay(source.analyzer()));
		}
		observation.setSpecimen(new Reference("Specimen/" + source.accession()));
		ReferenceRange range = source.range();
		if (range.low() != null || range.high() != null || range.text() != null) {
			Observation.ObservationReferenceRangeComponent component = observation.addReferenceRange();
			if (range.low() != null) {
				component.setLow(simple(range.low(), source.unit()));
			}
			if (range.high() != null) {
				component.setHigh(simple(range.high(), source.unit()));
			}
			component.setText(range.text());
		}
		return observation;
	}

	private static Quantity quantity(BigDecimal value, @Nullable String unit) {
		Quantity quantity = new Quantity().setValue(value);
		if (unit != null) {
			quantity.setUnit(unit).setSystem(LabCodes.UCUM).setCode(unit);
		}
		return quantity;
	}

	private static SimpleQuantity simple(BigDecimal value, @Nullable String unit) {
		SimpleQuantity quantity = new SimpleQuantity();
		quantity.setValue(value);
		if (unit != null) {
			quantity.setUnit(unit).setSystem(LabCodes.UCUM).setCode(unit);
		}
		return quantity;
	}

}
