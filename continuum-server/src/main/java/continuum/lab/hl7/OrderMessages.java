package continuum.lab.hl7;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import continuum.hl7.Hl7Outbox;
import continuum.lab.LabItemId;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderCancelled;
import continuum.lab.LabOrderId;
import continuum.lab.LabOrderPlaced;
import continuum.lab.LabOrderService;
import continuum.lab.SpecimenCollected;
import continuum.lab.SpecimenReceived;
import continuum.lab.SpecimenRejected;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import continuum.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Queues an OML^O21 (HL7 v2.5.1 §4.4.7; IHE LAB-1/LAB-2) to the laboratory's middleware
 * on link {@value #LINK} ({@code continuum.hl7.links.lab.host/port}) for every new order
 * (NW), cancellation (CA) and specimen update (SC: collected, received, rejected), keyed
 * by the order's placer number so the middleware gets each order's messages in order. The
 * listeners are synchronous on purpose: the message is queued in the transaction of the
 * change, so it exists exactly when the change does, and in the order the changes were
 * made.
 */
@Component
class OrderMessages {

	static final String LINK = "lab";

	static final String SENDING_APPLICATION = "CONTINUUM";

	static final String SENDING_FACILITY = "HOSPITAL";

	private final LabOrderService orders;

	private final PatientService patients;

	private final Hl7Outbox outbox;

	private final CurrentUser currentUser;

	private final Clock clock;

	OrderMessages(LabOrderService orders, PatientService patients, Hl7Outbox outbox, CurrentUser currentUser,
			Clock clock) {
		this.orders = orders;
		this.patients = patients;
		this.outbox = outbox;
		this.currentUser = currentUser;
		this.clock = clock;
	}

	@EventListener
	void on(LabOrderPlaced event) {
		queue(event.order(), "NW", null);
	}

	@EventListener
	void on(LabOrderCancelled event) {
		queue(event.order(), "CA", event.items());
	}

	@EventListener
	void on(SpecimenCollected event) {
		queueForSpecimen(event.order(), event.accession());
	}

	@EventListener
	void on(SpecimenReceived event) {
		queueForSpecimen(event.order(), event.accession());
	}

	@EventListener
	void on(SpecimenRejected event) {
		queueForSpecimen(event.order(), event.accession());
	}

	private void queueForSpecimen(LabOrderId id, String accession) {
		LabOrder order = read(id);
		List<LabItemId> items = order.specimens()
			.stream()
			.filter(s -> s.accession().equals(accession))
			.flatMap(s -> s.items().stream())
			.toList();
		queue(order, "SC", items);
	}

	private void queue(LabOrderId id, String control, @Nullable Collection<LabItemId> items) {
		queue(read(id), control, items);
	}

	/**
	 * One OML^O21 with an ORDER group per item (all items when {@code items} is null).
	 */
	private void queue(LabOrder order, String control, @Nullable Collection<LabItemId> items) {
		PatientSummary patient = currentUser
			.asServer(() -> patients.summaries(List.of(order.patient())).get(order.patient()));
		if (patient == null) {
			return;
		}
		Er7 message = new Er7().msh(SENDING_APPLICATION, SENDING_FACILITY, "LAB-MIDDLEWARE", "LAB", clock.instant(),
				"OML^O21^OML_O21", controlId(), null, null);
		WorkOrderSegments.pid(message, patient);
		int setId = 1;
		for (LabOrder.Item item : order.items()) {
			if (items != null && !items.contains(item.id())) {
				continue;
			}
			WorkOrderSegments.item(message, setId++, order, item, control);
			int specimenSet = 1;
			for (var specimen : WorkOrderSegments.specimensOf(order, item)) {
				WorkOrderSegments.specimen(message, specimenSet++, specimen);
			}
		}
		outbox.enqueue(LINK, order.placerNumber(), message.build(), order.patient().asString());
	}

	private LabOrder read(LabOrderId id) {
		return currentUser.asServer(() -> orders.get(id));
	}

	/** MSH-10: unique, at most 20 characters (ST). */
	static String controlId() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
	}

}
