package continuum.patients.fhir;

import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.Identifier;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PersonName;
import continuum.patients.Telecom;
import continuum.platform.InvalidInputException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;

/**
 * Maps patients to FHIR R4 Patient resources and back. A merge shows on both sides: the
 * duplicate links {@code replaced-by} to its survivor, the survivor links
 * {@code replaces} to each duplicate.
 */
final class PatientMapper {

	static final String LANGUAGE_SYSTEM = "urn:ietf:bcp:47";

	private PatientMapper() {
	}

	static Patient toFhir(continuum.patients.Patient patient) {
		Patient resource = new Patient();
		resource.setId("Patient/" + patient.id().asString() + "/_history/" + patient.version());
		resource.setMeta(new Meta().setVersionId(Integer.toString(patient.version()))
			.setLastUpdated(Date.from(patient.lastUpdated())));
		for (Identifier identifier : patient.identifiers()) {
			resource.addIdentifier()
				.setUse(identifier.isMrn() ? org.hl7.fhir.r4.model.Identifier.IdentifierUse.USUAL
						: org.hl7.fhir.r4.model.Identifier.IdentifierUse.OFFICIAL)
				.setSystem(identifier.system())
				.setValue(identifier.value());
		}
		resource.setActive(!patient.isMerged());
		PatientData data = patient.data();
		for (PersonName stored : data.names()) {
			HumanName name = resource.addName();
			if (stored.use() != null) {
				name.setUse(HumanName.NameUse.fromCode(stored.use()));
			}
			name.setText(stored.text()).setFamily(stored.family());
			stored.given().forEach(name::addGiven);
			stored.prefix().forEach(name::addPrefix);
			stored.suffix().forEach(name::addSuffix);
			name.setPeriod(period(stored.periodStart(), stored.periodEnd()));
		}
		for (Telecom stored : data.telecoms()) {
			ContactPoint telecom = resource.addTelecom()
				.setSystem(ContactPoint.ContactPointSystem.fromCode(stored.system()))
				.setValue(stored.value());
			if (stored.use() != null) {
				telecom.setUse(ContactPoint.ContactPointUse.fromCode(stored.use()));
			}
			if (stored.rank() != null) {
				telecom.setRank(stored.rank());
			}
			telecom.setPeriod(period(stored.periodStart(), stored.periodEnd()));
		}
		resource.setGender(AdministrativeGender.fromCode(data.gender().code()));
		if (data.birthDate() != null) {
			resource.setBirthDateElement(new DateType(data.birthDate().toString()));
		}
		if (data.deceased()) {
			resource.setDeceased(new org.hl7.fhir.r4.model.BooleanType(true));
		}
		Address address = data.address();
		if (!address.isEmpty()) {
			org.hl7.fhir.r4.model.Address a = resource.addAddress()
				.setUse(org.hl7.fhir.r4.model.Address.AddressUse.HOME);
			if (address.line() != null) {
				a.addLine(address.line());
			}
			a.setPostalCode(address.postalCode()).setCity(address.city()).setCountry(address.country());
		}
		if (data.language() != null) {
			resource.addCommunication()
				.setLanguage(new CodeableConcept()
					.addCoding(new org.hl7.fhir.r4.model.Coding(LANGUAGE_SYSTEM, data.language(), null)))
				.setPreferred(true);
		}
		if (patient.mergedInto() != null) {
			resource.addLink()
				.setType(Patient.LinkType.REPLACEDBY)
				.setOther(new Reference("Patient/" + patient.mergedInto().asString()));
		}
		for (PatientId duplicate : patient.replaces()) {
			resource.addLink()
				.setType(Patient.LinkType.REPLACES)
				.setOther(new Reference("Patient/" + duplicate.asString()));
		}
		return resource;
	}

	private static @Nullable Period period(@Nullable String start, @Nullable String end) {
		if (start == null && end == null) {
			return null;
		}
		Period period = new Period();
		if (start != null) {
			period.setStartElement(new DateTimeType(start));
		}
		if (end != null) {
			period.setEndElement(new DateTimeType(end));
		}
		return period;
	}

	/**
	 * The registered data in a FHIR Patient; 422 with the rule broken when it cannot be
	 * registered. Every name and every contact point with a value is kept; the first name
	 * with a family name is the registered one.
	 */
	static PatientData fromFhir(Patient resource) {
		try {
			HumanName name = resource.getName()
				.stream()
				.filter(HumanName::hasFamily)
				.findFirst()
				.orElseThrow(() -> new UnprocessableEntityException("Patient.name with a family name is required"));
			List<String> given = name.getGiven().stream().map(StringType::getValue).filter(v -> v != null).toList();
			String prefix = name.getPrefix().isEmpty() ? null : name.getPrefix().get(0).getValue();
			// An identifier without a value identifies nothing and is left out; the same
			// identifier twice is one.
			Set<Identifier> identifiers = new LinkedHashSet<>();
			for (org.hl7.fhir.r4.model.Identifier identifier : resource.getIdentifier()) {
				if (!identifier.hasValue()) {
					continue;
				}
				if (!identifier.hasSystem()) {
					throw new UnprocessableEntityException(
							"Patient.identifier needs the system its value belongs to: a value alone cannot be matched");
				}
				identifiers.add(new Identifier(identifier.getSystem(), identifier.getValue()));
			}
			LocalDate birthDate = null;
			if (resource.hasBirthDateElement() && resource.getBirthDateElement().getValue() != null) {
				if (resource.getBirthDateElement().getPrecision() != ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) {
					throw new UnprocessableEntityException("Patient.birthDate must be a full date (YYYY-MM-DD)");
				}
				birthDate = LocalDate.parse(resource.getBirthDateElement().getValueAsString());
			}
			org.hl7.fhir.r4.model.Address address = resource.getAddress().isEmpty() ? null
					: resource.getAddress().get(0);
			return new PatientData(List.copyOf(identifiers), name.getFamily(), given, prefix, birthDate,
					gender(resource),
					address == null ? Address.NONE
							: new Address(address.getLine().isEmpty() ? null : address.getLine().get(0).getValue(),
									address.getPostalCode(), address.getCity(), address.getCountry()),
					telecom(resource, ContactPoint.ContactPointSystem.PHONE),
					telecom(resource, ContactPoint.ContactPointSystem.EMAIL), language(resource),
					resource.hasDeceasedBooleanType() ? resource.getDeceasedBooleanType().booleanValue()
							: resource.hasDeceasedDateTimeType(),
					resource.getName().stream().filter(n -> !n.isEmpty()).map(PatientMapper::personName).toList(),
					resource.getTelecom().stream().filter(t -> t.hasValue()).map(PatientMapper::contactPoint).toList());
		}
		catch (InvalidInputException ex) {
			throw new UnprocessableEntityException(ex.getMessage());
		}
	}

	private static PersonName personName(HumanName name) {
		return new PersonName(name.hasUse() ? name.getUse().toCode() : null, name.getText(), name.getFamily(),
				name.getGiven().stream().map(StringType::getValue).toList(),
				name.getPrefix().stream().map(StringType::getValue).toList(),
				name.getSuffix().stream().map(StringType::getValue).toList(),
				name.hasPeriod() ? name.getPeriod().getStartElement().getValueAsString() : null,
				name.hasPeriod() ? name.getPeriod().getEndElement().getValueAsString() : null);
	}

	private static Telecom contactPoint(ContactPoint telecom) {
		if (!telecom.hasSystem()) {
			throw new UnprocessableEntityException("Patient.telecom with a value needs its system (phone, email...)");
		}
		return new Telecom(telecom.getSystem().toCode(), telecom.getValue(),
				telecom.hasUse() ? telecom.getUse().toCode() : null, telecom.hasRank() ? telecom.getRank() : null,
				telecom.hasPeriod() ? telecom.getPeriod().getStartElement().getValueAsString() : null,
				telecom.hasPeriod() ? telecom.getPeriod().getEndElement().getValueAsString() : null);
	}

	private static Gender gender(Patient resource) {
		var element = resource.getGenderElement();
		if (element.getValue() != null) {
			return Gender.ofCode(element.getValue().toCode());
		}
		if (element.getValueAsString() != null || element.hasExtension()) {
			throw new UnprocessableEntityException(
					"Patient.gender is not a code of http://hl7.org/fhir/administrative-gender");
		}
		return Gender.UNKNOWN;
	}

	private static @Nullable String telecom(Patient resource, ContactPoint.ContactPointSystem system) {
		return resource.getTelecom()
			.stream()
			.filter(t -> t.getSystem() == system && t.hasValue())
			.map(ContactPoint::getValue)
			.findFirst()
			.orElse(null);
	}

	private static @Nullable String language(Patient resource) {
		for (Patient.PatientCommunicationComponent communication : resource.getCommunication()) {
			for (org.hl7.fhir.r4.model.Coding coding : communication.getLanguage().getCoding()) {
				if (LANGUAGE_SYSTEM.equals(coding.getSystem()) && coding.hasCode()) {
					return coding.getCode();
				}
			}
		}
		return null;
	}

}
