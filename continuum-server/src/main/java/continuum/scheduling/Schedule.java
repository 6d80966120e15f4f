package continuum.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

/**
 * One bookable resource and its calendar: who or what (a FHIR reference such as
 * {@code Practitioner/12}, {@code Location/room-3} or {@code Device/ct-1}, with a name),
 * the department it belongs to, the time zone its templates are written in, and the local
 * date up to which slots exist; the planning horizon is the period its keeper says the
 * slots are meant to cover.
 */
public record Schedule(ScheduleId id, String name, ActorKind actorKind, String actorReference, String department,
		ZoneId zone, boolean active, @Nullable LocalDate generatedUntil, int version, Instant lastUpdated,
		PlanningHorizon planningHorizon) {
}
