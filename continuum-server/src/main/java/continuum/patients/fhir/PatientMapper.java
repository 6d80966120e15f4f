package continuum.patients.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.Identifier;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.platform.InvalidInputException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Patient;
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
		HumanName name = resource.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(data.family());
		data.given().forEach(name::addGiven);
		if (data.prefix() != null) {
			name.addPrefix(data.prefix());
		}
		if (data.phone() != null) {
			resource.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(data.phone());
		}
		if (data.email() != null) {
			resource.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(data.email());
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

	/**
	 * The registered data in a FHIR Patient; 422 with the rule broken when it cannot be
	 * registered.
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
			List<Identifier> identifiers = new ArrayList<>();
			for (org.hl7.fhir.r4.model.Identifier identifier : resource.getIdentifier()) {
				if (!identifier.hasSystem() || !identifier.hasValue()) {
					throw new UnprocessableEntityException("Patient.identifier needs a system and a value");
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
			return new PatientData(identifiers, name.getFamily(), given, prefix, birthDate, gender(resource),
					address == null ? Address.NONE
							: new Address(address.getLine().isEmpty() ? null : address.getLine().get(0).getValue(),
									address.getPostalCode(), address.getCity(), address.getCountry()),
					telecom(resource, ContactPoint.ContactPointSystem.PHONE),
					telecom(resource, ContactPoint.ContactPointSystem.EMAIL), language(resource),
					resource.hasDeceasedBooleanType() ? resource.getDeceasedBooleanType().booleanValue()
							: resource.hasDeceasedDateTimeType());
		}
		catch (InvalidInputException ex) {
			throw new UnprocessableEntityException(ex.getMessage());
		}
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
