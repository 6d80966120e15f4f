package continuum.platform;

import java.time.Instant;
import java.util.List;

import continuum.ContinuumIntegrationTest;
import continuum.adt.AdmissionCancelled;
import continuum.adt.BedId;
import continuum.adt.EncounterId;
import continuum.adt.PatientAdmitted;
import continuum.adt.PatientDischarged;
import continuum.adt.PatientTransferred;
import continuum.continuity.IncidentKind;
import continuum.continuity.IncidentResolved;
import continuum.patients.PatientId;
import continuum.patients.PatientsMerged;
import continuum.scheduling.AppointmentBooked;
import continuum.scheduling.AppointmentCancelled;
import continuum.scheduling.AppointmentId;
import continuum.scheduling.AppointmentRescheduled;
import continuum.scheduling.RescheduleCause;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every domain event the modules publish comes back equal from the event publication
 * registry's serializer, so that a listener in another module (and a republication after
 * a restart) gets the event as published. An event that does not serialize would fail the
 * transaction that publishes it as soon as such a listener exists.
 */
@ContinuumIntegrationTest
class DomainEventSerializationIntegrationTests {

	@Autowired
	EventSerializer serializer;

	@Test
	void everyPublishedEventSurvivesTheRegistrysSerializer() {
		Instant at = Instant.parse("2026-03-29T01:30:00Z");
		PatientId patient = new PatientId(7);
		EncounterId encounter = new EncounterId(42);
		List<Object> events = List.of(new PatientAdmitted(encounter, patient, new BedId(3), at),
				new PatientAdmitted(encounter, patient, null, at),
				new PatientTransferred(encounter, patient, new BedId(3), new BedId(4), at),
				new PatientTransferred(encounter, patient, null, new BedId(4), at),
				new PatientDischarged(encounter, patient, at), new AdmissionCancelled(encounter, patient, at),
				new PatientsMerged(patient, new PatientId(8), at),
				new AppointmentBooked(new AppointmentId(5), patient, at),
				new AppointmentCancelled(new AppointmentId(5), patient, at),
				new AppointmentRescheduled(new AppointmentId(5), new AppointmentId(6), patient, at,
						RescheduleCause.TECHNICAL_OUTAGE),
				new IncidentResolved(9, 3, IncidentKind.OUTAGE, List.of("smtp-gateway", "node:ward-3"), at,
						at.plusSeconds(5400)));
		for (Object event : events) {
			Object serialized = serializer.serialize(event);
			assertThat(serializer.deserialize(serialized, event.getClass())).as("%s as %s", event, serialized)
				.isEqualTo(event);
		}
	}

}
