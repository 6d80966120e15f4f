package continuum.lab.hl7;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import continuum.hl7.ErrorLocation;
import continuum.hl7.Hl7ApplicationException;
import continuum.hl7.Hl7ErrorCode;
import continuum.hl7.InboundHandler;
import continuum.hl7.InboundMessage;
import continuum.lab.Bench;
import continuum.lab.LabCatalogue;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.LabTest;
import continuum.lab.OrderStatus;
import continuum.lab.Specimen;
import continuum.lab.SpecimenStatus;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * An analyzer that has read a barcode asks what to do with the specimen: QBP^Q11 with the
 * container id in QPD-3 (IHE LAB-27, query "WOS"), answered with RSP^K11 (QAK-2 OK and
 * the work order: PID, SPM, SAC, then ORC, TQ1 and OBR per test to run; or NF when there
 * is nothing to do: unknown, not received, rejected, or every test cancelled). The tests
 * are those of the asking analyzer's bench (MSH-3), or all of the specimen's when the
 * analyzer is not in the catalogue.
 */
@Component
class WorkOrderQuery implements InboundHandler {

	private final LabOrderService orders;

	private final PatientService patients;

	private final LabCatalogue catalogue;

	private final Clock clock;

	private final HapiContext hapi;

	WorkOrderQuery(LabOrderService orders, PatientService patients, LabCatalogue catalogue, Clock clock) {
		this.orders = orders;
		this.patients = patients;
		this.catalogue = catalogue;
		this.clock = clock;
		this.hapi = new DefaultHapiContext();
		this.hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
		this.hapi.setValidationContext(ValidationContextFactory.noValidation());
	}

	@Override
	public Set<String> messageTypes() {
		return Set.of("QBP^Q11");
	}

	@Override
	public @Nullable Message handle(InboundMessage message) {
		Segment qpd = segment(message.parsed(), "QPD");
		Segment msh = segment(message.parsed(), "MSH");
		String queryName = field(qpd, 1, 1);
		String tag = field(qpd, 2, 1);
		String container = field(qpd, 3, 1);
		if (container == null) {
			throw new Hl7ApplicationException(Hl7ErrorCode.REQUIRED_FIELD_MISSING,
					"QPD-3 (the container id read from the barcode) is empty", new ErrorLocation("QPD", 1, 3, 1));
		}
		String analyzer = field(msh, 3, 1);
		Optional<LabOrder> order = orders.findByAccession(container);
		order.ifPresent(o -> message.reportPatient(o.patient().asString()));
		Er7 response = new Er7().msh(OrderMessages.SENDING_APPLICATION, OrderMessages.SENDING_FACILITY,
				analyzer == null ? "" : analyzer, field(msh, 4, 1) == null ? "" : field(msh, 4, 1), clock.instant(),
				"RSP^K11^RSP_K11", OrderMessages.controlId(), null, null);
		response.segment("MSA", "AA", Er7.esc(message.controlId()));
		Optional<Work> work = order.flatMap(o -> work(o, container, analyzer));
		String queryEcho = queryName == null ? "WOS^Work Order Step^IHE_LABTF" : rawField(qpd, 1);
		response.segment("QAK", Er7.esc(tag), work.isPresent() ? "OK" : "NF", queryEcho);
		response.segment("QPD", queryEcho, Er7.esc(tag), Er7.esc(container));
		work.ifPresent(w -> write(response, w));
		try {
			return hapi.getPipeParser().parse(response.build());
		}
		catch (HL7Exception ex) {
			throw new Hl7ApplicationException(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR,
					"The work order for " + container + " could not be written", null);
		}
	}

	/** What the analyzer is to do with one specimen. */
	private record Work(LabOrder order, Specimen specimen, PatientSummary patient, List<LabOrder.Item> items,
			List<LabTest> tests) {
	}

	private Optional<Work> work(LabOrder order, String accession, @Nullable String analyzer) {
		Specimen specimen = order.specimens()
			.stream()
			.filter(s -> s.accession().equals(accession))
			.findFirst()
			.orElseThrow();
		if (specimen.status() != SpecimenStatus.RECEIVED) {
			return Optional.empty();
		}
		Optional<Bench> bench = analyzer == null ? Optional.empty() : catalogue.benchOfAnalyzer(analyzer);
		List<LabOrder.Item> items = specimen.items()
			.stream()
			.map(order::item)
			.filter(i -> i.status() == OrderStatus.ACTIVE)
			.toList();
		List<LabTest> tests = items.stream()
			.flatMap(i -> WorkOrderSegments.testsOn(i, specimen).stream())
			.filter(t -> bench.isEmpty() || t.bench().equals(bench.get().code()))
			.distinct()
			.toList();
		PatientSummary patient = patients.summaries(List.of(order.patient())).get(order.patient());
		if (tests.isEmpty() || patient == null) {
			return Optional.empty();
		}
		return Optional.of(new Work(order, specimen, patient, items, tests));
	}

	private static void write(Er7 response, Work work) {
		WorkOrderSegments.pid(response, work.patient());
		WorkOrderSegments.specimen(response, 1, work.specimen());
		int setId = 1;
		for (LabOrder.Item item : work.items()) {
			for (LabTest test : WorkOrderSegments.testsOn(item, work.specimen())) {
				if (!work.tests().contains(test)) {
					continue;
				}
				String placer = Er7.comp(item.placerNumber(), WorkOrderSegments.NAMESPACE);
				String filler = item.fillerNumber() == null ? "" : Er7.comp(item.fillerNumber(), "LAB");
				response.segment("ORC", "NW", placer, filler,
						Er7.comp(work.order().placerNumber(), WorkOrderSegments.NAMESPACE), "IP");
				response.segment("TQ1", "1", "", "", "", "", "", "", "", work.order().priority().hl7Code());
				response.segment("OBR", String.valueOf(setId++), placer, filler,
						Er7.comp(test.code(), test.name(), "LN"));
			}
		}
	}

	private static Segment segment(Message message, String name) {
		try {
			return (Segment) message.get(name);
		}
		catch (HL7Exception | ClassCastException ex) {
			throw new Hl7ApplicationException(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR, "No " + name + " segment",
					new ErrorLocation(name, 1, 0, 0));
		}
	}

	private static String rawField(Segment segment, int field) {
		try {
			return segment.getField(field, 0).encode();
		}
		catch (HL7Exception ex) {
			return "";
		}
	}

	private static @Nullable String field(Segment segment, int field, int component) {
		try {
			String value = Terser.get(segment, field, 0, component, 1);
			return value == null || value.isBlank() ? null : value.strip();
		}
		catch (HL7Exception ex) {
			return null;
		}
	}

}
