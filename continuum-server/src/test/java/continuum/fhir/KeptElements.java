package continuum.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;

/**
 * The elements the server keeps of each type it creates, read out of a resource the same
 * way whether it is the one sent or the one read back, so that a test can compare the
 * two. What is listed here is what docs/fhir.md ("Specification examples") says is kept;
 * a code is its first coding with a system and a code and its text (or that coding's
 * display), as the server keeps codes; dates of clinical entries are kept to the day.
 */
final class KeptElements {

	private static final String MRN_SYSTEM = "urn:continuum:mrn";

	private KeptElements() {
	}

	static Map<String, Object> of(Resource resource) {
		Map<String, Object> kept = new LinkedHashMap<>();
		if (resource instanceof Patient patient) {
			patient(patient, kept);
		}
		else if (resource instanceof AllergyIntolerance allergy) {
			kept.put("clinicalStatus", status(allergy.getClinicalStatus()));
			kept.put("verificationStatus", verification(allergy.getVerificationStatus()));
			kept.put("category",
					allergy.getCategory().isEmpty() ? null : allergy.getCategory().get(0).getValueAsString());
			kept.put("criticality", allergy.getCriticalityElement().getValueAsString());
			kept.put("code", code(allergy.getCode()));
			kept.put("patient", allergy.getPatient().getReference());
			kept.put("recordedDate", day(allergy.getRecordedDateElement()));
			kept.put("reaction.manifestation",
					allergy.getReaction()
						.stream()
						.flatMap(r -> r.getManifestation().stream())
						.map(KeptElements::text)
						.toList());
			kept.put("reaction.severity",
					allergy.getReaction()
						.stream()
						.map(r -> r.getSeverityElement().getValueAsString())
						.filter(Objects::nonNull)
						.findFirst()
						.orElse(null));
		}
		else if (resource instanceof Condition condition) {
			kept.put("clinicalStatus", status(condition.getClinicalStatus()));
			kept.put("verificationStatus", verification(condition.getVerificationStatus()));
			kept.put("code", code(condition.getCode()));
			kept.put("category", conditionCategory(condition));
			kept.put("subject", condition.getSubject().getReference());
			kept.put("onsetDateTime", condition.hasOnsetDateTimeType() ? day(condition.getOnsetDateTimeType()) : null);
		}
		else if (resource instanceof MedicationStatement statement) {
			medicationStatement(statement, kept);
		}
		else if (resource instanceof Schedule schedule) {
			kept.put("active", schedule.hasActive() ? schedule.getActive() : true);
			kept.put("actor", schedule.getActor().stream().map(a -> a.getReference() + " " + a.getDisplay()).toList());
			kept.put("specialty",
					schedule.getSpecialty()
						.stream()
						.map(s -> s.getCodingFirstRep().hasCode() ? s.getCodingFirstRep().getCode() : s.getText())
						.toList());
			Period horizon = schedule.getPlanningHorizon();
			kept.put("planningHorizon", horizon.isEmpty() ? null
					: instant(horizon.getStartElement()) + " to " + instant(horizon.getEndElement()));
		}
		else if (resource instanceof Subscription subscription) {
			kept.put("reason", subscription.getReason());
			kept.put("criteria", subscription.getCriteria());
			kept.put("end", instant(subscription.getEndElement()));
			kept.put("channel.type", subscription.getChannel().getTypeElement().getValueAsString());
			kept.put("channel.endpoint", subscription.getChannel().getEndpoint());
			kept.put("channel.payload", subscription.getChannel().getPayload());
			kept.put("channel.header", strings(subscription.getChannel().getHeader()));
		}
		else {
			throw new IllegalArgumentException("No kept elements are listed for " + resource.fhirType());
		}
		return kept;
	}

	private static void patient(Patient patient, Map<String, Object> kept) {
		kept.put("identifier",
				patient.getIdentifier()
					.stream()
					.filter(i -> i.hasValue() && !MRN_SYSTEM.equals(i.getSystem()))
					.map(i -> i.getSystem() + "|" + i.getValue())
					.distinct()
					.toList());
		kept.put("name", patient.getName().stream().filter(n -> !n.isEmpty()).map(KeptElements::name).toList());
		kept.put("telecom",
				patient.getTelecom().stream().filter(ContactPoint::hasValue).map(KeptElements::telecom).toList());
		kept.put("gender", patient.getGenderElement().getValueAsString());
		kept.put("birthDate", patient.getBirthDateElement().getValueAsString());
		kept.put("deceased", patient.hasDeceasedBooleanType() ? patient.getDeceasedBooleanType().booleanValue()
				: patient.hasDeceasedDateTimeType());
		var address = patient.getAddress().isEmpty() ? null : patient.getAddress().get(0);
		kept.put("address",
				address == null ? null
						: String.join(" | ", address.getLine().isEmpty() ? "" : address.getLine().get(0).getValue(),
								Objects.toString(address.getPostalCode(), ""), Objects.toString(address.getCity(), ""),
								Objects.toString(address.getCountry(), "")));
		kept.put("communication.language",
				patient.getCommunication()
					.stream()
					.flatMap(c -> c.getLanguage().getCoding().stream())
					.filter(c -> "urn:ietf:bcp:47".equals(c.getSystem()))
					.map(Coding::getCode)
					.findFirst()
					.orElse(null));
	}

	private static void medicationStatement(MedicationStatement statement, Map<String, Object> kept) {
		kept.put("status", statement.getStatusElement().getValueAsString());
		CodeableConcept medication = statement.hasMedicationCodeableConcept() ? statement.getMedicationCodeableConcept()
				: null;
		if (statement.hasMedicationReference()) {
			String local = statement.getMedicationReference().getReference().substring(1);
			for (Resource contained : statement.getContained()) {
				String id = contained.getIdElement().getValue();
				if (contained instanceof Medication drug && (local.equals(id) || ("#" + local).equals(id))) {
					medication = drug.getCode();
				}
			}
		}
		kept.put("medication", code(medication));
		kept.put("subject", statement.getSubject().getReference());
		// An effectiveDateTime is kept as a period of that one day.
		Period effective = statement.hasEffectivePeriod() ? statement.getEffectivePeriod()
				: statement.hasEffectiveDateTimeType()
						? new Period().setStartElement(statement.getEffectiveDateTimeType())
							.setEndElement(statement.getEffectiveDateTimeType())
						: null;
		kept.put("effective",
				effective == null ? null : day(effective.getStartElement()) + " to " + day(effective.getEndElement()));
		var dosage = statement.getDosage().isEmpty() ? null : statement.getDosageFirstRep();
		Quantity dose = dosage != null && dosage.hasDoseAndRate() && dosage.getDoseAndRateFirstRep().hasDoseQuantity()
				? dosage.getDoseAndRateFirstRep().getDoseQuantity() : null;
		kept.put("dosage.dose",
				dose == null ? null : dose.getValue().stripTrailingZeros().toPlainString() + " " + dose.getUnit());
		kept.put("dosage.route", dosage == null || !dosage.hasRoute() ? null : text(dosage.getRoute()));
	}

	private static String name(HumanName name) {
		return String.join("; ", "use=" + name.getUseElement().getValueAsString(), "text=" + name.getText(),
				"family=" + name.getFamily(),
				// Given names are kept as words: "Peter James" and "Peter", "James" are
				// one.
				"given=" + name.getGiven().stream().map(StringType::getValue).collect(Collectors.joining(" ")),
				"prefix=" + strings(name.getPrefix()), "suffix=" + strings(name.getSuffix()),
				"period=" + period(name.getPeriod()));
	}

	private static String telecom(ContactPoint telecom) {
		return String.join("; ", "system=" + telecom.getSystemElement().getValueAsString(),
				"value=" + telecom.getValue(), "use=" + telecom.getUseElement().getValueAsString(),
				"rank=" + (telecom.hasRank() ? telecom.getRank() : null), "period=" + period(telecom.getPeriod()));
	}

	private static String period(Period period) {
		return period.isEmpty() ? ""
				: period.getStartElement().getValueAsString() + " to " + period.getEndElement().getValueAsString();
	}

	private static List<String> strings(List<? extends PrimitiveType<?>> values) {
		List<String> result = new ArrayList<>();
		values.forEach(v -> result.add(v.getValueAsString()));
		return result;
	}

	private static String status(CodeableConcept concept) {
		return concept.isEmpty() ? null : concept.getCodingFirstRep().getCode();
	}

	private static String verification(CodeableConcept concept) {
		return concept.isEmpty() ? "unconfirmed" : concept.getCodingFirstRep().getCode();
	}

	/** A code as the server keeps it: a coding with system and code, and a text. */
	private static String code(CodeableConcept concept) {
		if (concept == null || concept.isEmpty()) {
			return null;
		}
		Coding coding = concept.getCoding().stream().filter(c -> c.hasSystem() && c.hasCode()).findFirst().orElse(null);
		return (coding == null ? "" : coding.getSystem() + "|" + coding.getCode() + " ") + "'" + text(concept) + "'";
	}

	private static String text(CodeableConcept concept) {
		if (concept.hasText()) {
			return concept.getText();
		}
		Coding coding = concept.getCoding().stream().filter(c -> c.hasSystem() && c.hasCode()).findFirst().orElse(null);
		return coding == null ? null : coding.hasDisplay() ? coding.getDisplay() : coding.getCode();
	}

	private static String day(BaseDateTimeType value) {
		String text = value == null ? null : value.getValueAsString();
		return text == null || text.length() < 10 ? text : text.substring(0, 10);
	}

	private static String instant(BaseDateTimeType value) {
		return value == null || value.getValue() == null ? null : value.getValue().toInstant().toString();
	}

	/**
	 * The first of R4's condition categories (problem-list-item when none is sent: a
	 * category of another code system is not kept).
	 */
	private static String conditionCategory(Condition condition) {
		return condition.getCategory()
			.stream()
			.flatMap(category -> category.getCoding().stream())
			.filter(coding -> "http://terminology.hl7.org/CodeSystem/condition-category".equals(coding.getSystem()))
			.map(coding -> coding.getCode())
			.findFirst()
			.orElse("problem-list-item");
	}

}
