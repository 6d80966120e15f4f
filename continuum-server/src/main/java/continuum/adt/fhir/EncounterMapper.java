package continuum.adt.fhir;

import java.util.Date;

import continuum.adt.BedStay;
import continuum.adt.EncounterClass;
import continuum.adt.LocationRef;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

/**
 * Our encounters as R4 Encounters: class from v3 ActCode, the admitting practitioner as
 * an {@code ADM} participant (referenced by username identifier), and the bed history as
 * {@code location} entries with their periods.
 */
final class EncounterMapper {

	/** The system of staff usernames, as the Practitioner resources carry them. */
	static final String USERNAME_SYSTEM = "urn:continuum:username";

	private static final String PARTICIPATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

	private EncounterMapper() {
	}

	static Encounter toFhir(continuum.adt.Encounter source) {
		Encounter encounter = new Encounter();
		encounter.setId(new IdType("Encounter", source.id().asString(), Integer.toString(source.version())));
		encounter.getMeta().setVersionId(Integer.toString(source.version()));
		encounter.getMeta().setLastUpdated(Date.from(source.lastUpdated()));
		encounter.setStatus(Encounter.EncounterStatus.fromCode(source.status().code()));
		EncounterClass encounterClass = source.encounterClass();
		encounter.setClass_(new Coding(EncounterClass.SYSTEM, encounterClass.code(), encounterClass.display()));
		encounter.setSubject(new Reference("Patient/" + source.patient().asString()));
		if (source.practitioner() != null) {
			Encounter.EncounterParticipantComponent participant = encounter.addParticipant();
			participant.addType(new CodeableConcept(new Coding(PARTICIPATION_SYSTEM, "ADM", "admitter")));
			participant.setIndividual(new Reference()
				.setIdentifier(new Identifier().setSystem(USERNAME_SYSTEM).setValue(source.practitioner())));
		}
		Period period = new Period();
		if (source.start() != null) {
			period.setStart(Date.from(source.start()));
		}
		if (source.end() != null) {
			period.setEnd(Date.from(source.end()));
		}
		if (!period.isEmpty()) {
			encounter.setPeriod(period);
		}
		if (source.reason() != null && !source.reason().isBlank()) {
			encounter.addReasonCode(new CodeableConcept().setText(source.reason()));
		}
		for (BedStay stay : source.locations()) {
			Encounter.EncounterLocationComponent location = encounter.addLocation();
			location.setLocation(new Reference("Location/" + LocationRef.of(stay.bed().id()).asString())
				.setDisplay(stay.bed().label()));
			location.setStatus(stay.current() ? Encounter.EncounterLocationStatus.ACTIVE
					: Encounter.EncounterLocationStatus.COMPLETED);
			location.setPhysicalType(new CodeableConcept(new Coding(LocationMapper.PHYSICAL_TYPE_SYSTEM, "bd", "Bed")));
			Period stayPeriod = new Period().setStart(Date.from(stay.from()));
			if (stay.to() != null) {
				stayPeriod.setEnd(Date.from(stay.to()));
			}
			location.setPeriod(stayPeriod);
		}
		return encounter;
	}

	static @Nullable String text(@Nullable CodeableConcept concept) {
		if (concept == null) {
			return null;
		}
		if (concept.hasText()) {
			return concept.getText();
		}
		return concept.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst().orElse(null);
	}

}
