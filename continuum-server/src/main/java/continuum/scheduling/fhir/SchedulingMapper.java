package continuum.scheduling.fhir;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

import continuum.scheduling.Appointment;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.PlanningHorizon;
import continuum.scheduling.Schedule;
import continuum.scheduling.Slot;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

/**
 * Our schedules, slots and appointments as R4 resources. The appointment type is the
 * {@code serviceType} in our code system; the department is the schedule's
 * {@code specialty}; what R4 has no element for (the rescheduling chain, an overbooked
 * appointment, who cancelled) travels in extensions of ours.
 */
final class SchedulingMapper {

	static final String DEPARTMENT_SYSTEM = "urn:continuum:department";

	static final String USERNAME_SYSTEM = "urn:continuum:username";

	static final String REPLACES = "urn:continuum:fhir:extension:appointment-replaces";

	static final String REPLACED_BY = "urn:continuum:fhir:extension:appointment-replaced-by";

	static final String OVERBOOKED = "urn:continuum:fhir:extension:appointment-overbooked";

	static final String CANCELLED_BY = "urn:continuum:fhir:extension:appointment-cancelled-by";

	private SchedulingMapper() {
	}

	static org.hl7.fhir.r4.model.Schedule toFhir(Schedule source) {
		org.hl7.fhir.r4.model.Schedule schedule = new org.hl7.fhir.r4.model.Schedule();
		schedule.setId(new IdType("Schedule", source.id().asString(), Integer.toString(source.version())));
		schedule.getMeta().setVersionId(Integer.toString(source.version()));
		schedule.getMeta().setLastUpdated(Date.from(source.lastUpdated()));
		schedule.setActive(source.active());
		schedule.addActor(new Reference(source.actorReference()).setDisplay(source.name()));
		schedule
			.addSpecialty(new CodeableConcept(new Coding().setSystem(DEPARTMENT_SYSTEM).setCode(source.department()))
				.setText(source.department()));
		PlanningHorizon horizon = source.planningHorizon();
		if (!horizon.isEmpty()) {
			Period period = new Period();
			if (horizon.start() != null) {
				period.setStartElement(utc(horizon.start()));
			}
			if (horizon.end() != null) {
				period.setEndElement(utc(horizon.end()));
			}
			schedule.setPlanningHorizon(period);
		}
		else if (source.generatedUntil() != null) {
			schedule.setPlanningHorizon(
					new Period().setEnd(Date.from(source.generatedUntil().atStartOfDay(source.zone()).toInstant())));
		}
		schedule.setComment(source.name() + " (time zone " + source.zone().getId() + ")");
		return schedule;
	}

	/** An instant in UTC, to the second (or the millisecond when it has one). */
	private static DateTimeType utc(Instant instant) {
		return new DateTimeType(Date.from(instant),
				instant.getNano() == 0 ? TemporalPrecisionEnum.SECOND : TemporalPrecisionEnum.MILLI,
				TimeZone.getTimeZone("UTC"));
	}

	static org.hl7.fhir.r4.model.Slot toFhir(Slot source) {
		org.hl7.fhir.r4.model.Slot slot = new org.hl7.fhir.r4.model.Slot();
		slot.setId(new IdType("Slot", source.id().asString(), Integer.toString(source.version())));
		slot.getMeta().setVersionId(Integer.toString(source.version()));
		slot.getMeta().setLastUpdated(Date.from(source.lastUpdated()));
		slot.setSchedule(new Reference("Schedule/" + source.schedule().asString()));
		slot.addServiceType(serviceType(source.type()));
		slot.setStatus(org.hl7.fhir.r4.model.Slot.SlotStatus.fromCode(source.status().code()));
		slot.setStart(Date.from(source.start()));
		slot.setEnd(Date.from(source.end()));
		slot.setOverbooked(source.overbooked());
		return slot;
	}

	static org.hl7.fhir.r4.model.Appointment toFhir(Appointment source) {
		org.hl7.fhir.r4.model.Appointment appointment = new org.hl7.fhir.r4.model.Appointment();
		appointment.setId(new IdType("Appointment", source.id().asString(), Integer.toString(source.version())));
		appointment.getMeta().setVersionId(Integer.toString(source.version()));
		appointment.getMeta().setLastUpdated(Date.from(source.lastUpdated()));
		appointment.setStatus(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.fromCode(source.status().code()));
		appointment.addServiceType(serviceType(source.type()));
		appointment.setStart(Date.from(source.start()));
		appointment.setEnd(Date.from(source.end()));
		appointment.setMinutesDuration((int) Duration.between(source.start(), source.end()).toMinutes());
		appointment.setCreated(Date.from(source.created()));
		if (source.comment() != null) {
			appointment.setComment(source.comment());
		}
		appointment.addParticipant()
			.setActor(new Reference("Patient/" + source.patient().asString()))
			.setRequired(org.hl7.fhir.r4.model.Appointment.ParticipantRequired.REQUIRED)
			.setStatus(org.hl7.fhir.r4.model.Appointment.ParticipationStatus.ACCEPTED);
		for (Appointment.Participant participant : source.participants()) {
			appointment.addSlot(new Reference("Slot/" + participant.slot().asString()));
			appointment.addParticipant()
				.setActor(new Reference(participant.actorReference()).setDisplay(participant.actorName()))
				.setRequired(org.hl7.fhir.r4.model.Appointment.ParticipantRequired.REQUIRED)
				.setStatus(org.hl7.fhir.r4.model.Appointment.ParticipationStatus.ACCEPTED);
		}
		if (source.cancellation() != null) {
			appointment.setCancelationReason(new CodeableConcept().setText(source.cancellation().reason()));
			appointment.addExtension(CANCELLED_BY, new Reference()
				.setIdentifier(new Identifier().setSystem(USERNAME_SYSTEM).setValue(source.cancellation().by())));
		}
		if (source.replaces() != null) {
			appointment.addExtension(REPLACES, new Reference("Appointment/" + source.replaces().asString()));
		}
		if (source.replacedBy() != null) {
			appointment.addExtension(REPLACED_BY, new Reference("Appointment/" + source.replacedBy().asString()));
		}
		if (source.overbooked()) {
			appointment.addExtension(OVERBOOKED, new BooleanType(true));
		}
		return appointment;
	}

	static CodeableConcept serviceType(AppointmentType type) {
		return new CodeableConcept(new Coding(AppointmentType.SYSTEM, type.code(), type.display()));
	}

	/** The text of a concept, else its first coding's display or code. */
	static @Nullable String text(CodeableConcept concept) {
		if (concept.hasText() && !concept.getText().isBlank()) {
			return concept.getText();
		}
		for (Coding coding : concept.getCoding()) {
			if (coding.hasDisplay()) {
				return coding.getDisplay();
			}
			if (coding.hasCode()) {
				return coding.getCode();
			}
		}
		return null;
	}

}
