package continuum.imaging.hl7;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ca.uhn.hl7v2.model.Message;
import continuum.hl7.ErrorLocation;
import continuum.hl7.Hl7ApplicationException;
import continuum.hl7.Hl7ErrorCode;
import continuum.hl7.InboundHandler;
import continuum.hl7.InboundMessage;
import continuum.imaging.ImagingOrder;
import continuum.imaging.ImagingOrderChange;
import continuum.imaging.ImagingOrderService;
import continuum.imaging.ImagingPriority;
import continuum.imaging.NewImagingOrder;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Imaging orders from an external placer (IHE SWF.b RAD-2): OMI^O23 (HL7 v2.5.1 §4.4.8)
 * and ORM^O01 (§4.4.1). Each ORC with its OBR is one order of the sending application
 * (MSH-3) under its placer number (ORC-2): ORC-1 {@code NW} places it (OBR-4 the
 * procedure code of our catalogue; TQ1-7, ORC-7.4 or OBR-27.4 the time wished for; TQ1-9
 * or ORC-7.6 the priority; OBR-31 the reason; ORC-12 the orderer), {@code XO} changes the
 * time, priority or reason of an order not yet begun, {@code CA} and {@code DC} cancel
 * it. The patient is found by PID-3 (the MRN), never by name. A message is taken whole or
 * not at all. The application acknowledgement is the reply type the standard names,
 * ORI^O24 or ORR^O02 ({@link OrderReplies}): on success each order with its table 0119
 * answer and the identifiers it now has; on the first problem AE with ERR (table 0357
 * code and place), each order answered "unable to", and the message stays in the hl7
 * module's store, quarantined, where it can be processed again once the cause is fixed.
 */
@Component
class ImagingOrderMessages implements InboundHandler {

	private static final java.time.ZoneId ZONE = java.time.ZoneId.of("Europe/Brussels");

	private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmm[ss]");

	private final ImagingOrderService orders;

	private final PatientService patients;

	private final OrderReplies replies;

	ImagingOrderMessages(ImagingOrderService orders, PatientService patients, OrderReplies replies) {
		this.orders = orders;
		this.patients = patients;
		this.replies = replies;
	}

	@Override
	public Set<String> messageTypes() {
		return Set.of("OMI^O23", "ORM^O01");
	}

	@Override
	public Message handle(InboundMessage message) {
		List<Segments.Segment> segments = Segments.of(message.raw());
		String placer = placer(segments);
		PatientId patient = patient(segments);
		message.reportPatient(patient.asString());
		List<Request> requests = requests(segments);
		if (requests.isEmpty()) {
			throw new Hl7ApplicationException(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR, "The message has no ORC segment",
					ErrorLocation.segment("ORC", 1));
		}
		List<OrderReplies.Answer> answers = new ArrayList<>();
		for (Request request : requests) {
			try {
				answers.add(apply(request, placer, patient));
			}
			catch (InvalidInputException | ConflictException | NotFoundException ex) {
				throw new Hl7ApplicationException(
						ex instanceof ConflictException ? Hl7ErrorCode.APPLICATION_RECORD_LOCKED
								: Hl7ErrorCode.APPLICATION_INTERNAL_ERROR,
						ex.getMessage(), ErrorLocation.segment("ORC", request.orc().sequence()))
					.withPatient(patient.asString());
			}
		}
		return replies.reply(message, segments, patient, answers, true);
	}

	/**
	 * The reply to a refused message, nothing of it kept: every order answered "unable
	 * to" its request (UA, UC, UD, UX), with what we hold of the orders that exist.
	 */
	@Override
	public Message errorResponse(InboundMessage message, Hl7ApplicationException error) {
		List<Segments.Segment> segments = Segments.of(message.raw());
		String placer = placer(segments);
		Optional<Segments.Segment> pid = segments.stream().filter(s -> s.id().equals("PID")).findFirst();
		PatientId patient = pid.map(p -> p.component(3, 1))
			.filter(mrn -> !mrn.isEmpty())
			.flatMap(patients::idOfMrn)
			.orElse(null);
		List<OrderReplies.Answer> answers = new ArrayList<>();
		for (Request request : requests(segments)) {
			String control = request.orc().component(1, 1);
			String unable = OrderControl.unableTo(control);
			if (unable == null) {
				continue;
			}
			String number = request.orc().component(2, 1);
			ImagingOrder order = null;
			if (patient != null && !control.equals("NW") && !number.isEmpty()) {
				order = orders.findByPlacer(placer, number).filter(o -> o.patient().equals(patient)).orElse(null);
			}
			answers.add(new OrderReplies.Answer(request.orc(), request.obr(), unable, order));
		}
		return replies.reply(message, segments, patient, answers, false);
	}

	private static String placer(List<Segments.Segment> segments) {
		Segments.Segment msh = segments.get(0);
		return msh.component(3, 1).isEmpty() ? "UNKNOWN" : msh.component(3, 1);
	}

	private PatientId patient(List<Segments.Segment> segments) {
		Segments.Segment pid = segments.stream()
			.filter(s -> s.id().equals("PID"))
			.findFirst()
			.orElseThrow(() -> new Hl7ApplicationException(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR,
					"The message has no PID segment", ErrorLocation.segment("PID", 1)));
		String mrn = pid.component(3, 1);
		if (mrn.isEmpty()) {
			throw new Hl7ApplicationException(Hl7ErrorCode.REQUIRED_FIELD_MISSING, "PID-3 carries no patient id",
					new ErrorLocation("PID", 1, 3, 1));
		}
		return patients.idOfMrn(mrn)
			.orElseThrow(() -> new Hl7ApplicationException(Hl7ErrorCode.UNKNOWN_KEY_IDENTIFIER,
					"PID-3: no patient with MRN " + mrn, new ErrorLocation("PID", 1, 3, 1)));
	}

	/** One ORC and the segments of its order that follow it. */
	private record Request(Segments.Segment orc, Segments.@Nullable Segment tq1, Segments.@Nullable Segment obr) {
	}

	private static List<Request> requests(List<Segments.Segment> segments) {
		List<Request> requests = new ArrayList<>();
		for (int i = 0; i < segments.size(); i++) {
			if (!segments.get(i).id().equals("ORC")) {
				continue;
			}
			Segments.Segment tq1 = null;
			Segments.Segment obr = null;
			for (int j = i + 1; j < segments.size() && !segments.get(j).id().equals("ORC"); j++) {
				if (segments.get(j).id().equals("TQ1") && tq1 == null) {
					tq1 = segments.get(j);
				}
				if (segments.get(j).id().equals("OBR") && obr == null) {
					obr = segments.get(j);
				}
			}
			requests.add(new Request(segments.get(i), tq1, obr));
		}
		return requests;
	}

	private OrderReplies.Answer apply(Request request, String placer, PatientId patient) {
		Segments.Segment orc = request.orc();
		String control = orc.component(1, 1);
		String number = orc.component(2, 1);
		if (number.isEmpty()) {
			throw new Hl7ApplicationException(Hl7ErrorCode.REQUIRED_FIELD_MISSING,
					"ORC-2 (placer order number) is empty", new ErrorLocation("ORC", orc.sequence(), 2, 1));
		}
		ImagingOrder order = switch (control) {
			case "NW" -> place(request, placer, number, patient);
			case "XO" -> change(request, existing(orc, placer, number, patient));
			case "CA", "DC" -> cancel(orc, existing(orc, placer, number, patient), placer, control);
			default -> throw new Hl7ApplicationException(Hl7ErrorCode.TABLE_VALUE_NOT_FOUND,
					"ORC-1: order control " + control + " is not supported (NW, XO, CA, DC are)",
					new ErrorLocation("ORC", orc.sequence(), 1, 1));
		};
		return new OrderReplies.Answer(orc, request.obr(), OrderControl.done(control), order);
	}

	private ImagingOrder place(Request request, String placer, String number, PatientId patient) {
		Segments.Segment orc = request.orc();
		Segments.Segment obr = request.obr();
		if (obr == null) {
			throw new Hl7ApplicationException(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR,
					"ORC " + orc.sequence() + " (NW) has no OBR segment", ErrorLocation.segment("OBR", 1));
		}
		String code = obr.component(4, 1);
		if (code.isEmpty()) {
			throw new Hl7ApplicationException(Hl7ErrorCode.REQUIRED_FIELD_MISSING,
					"OBR-4 (universal service identifier) is empty", new ErrorLocation("OBR", obr.sequence(), 4, 1));
		}
		ImagingPriority chosen = priority(request);
		if (orders.findByPlacer(placer, number).isPresent()) {
			throw new Hl7ApplicationException(Hl7ErrorCode.DUPLICATE_KEY_IDENTIFIER,
					"ORC-2: placer order number " + number + " of " + placer + " is already known",
					new ErrorLocation("ORC", orc.sequence(), 2, 1));
		}
		String reason = reason(obr);
		return orders.place(new NewImagingOrder(patient, List.of(new NewImagingOrder.Wish(code, start(request))),
				chosen, reason.isEmpty() ? null : reason, placer, number, orderer(orc)));
	}

	/**
	 * XO: what the request names is changed, what it leaves empty stays; the procedure
	 * (OBR-4) cannot change (cancel and place a new order).
	 */
	private ImagingOrder change(Request request, ImagingOrder order) {
		Segments.Segment obr = request.obr();
		String code = obr == null ? "" : obr.component(4, 1);
		if (!code.isEmpty() && order.procedures().stream().noneMatch(p -> p.procedure().code().equals(code))) {
			throw new Hl7ApplicationException(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR,
					"OBR-4: the procedure of order " + request.orc().component(2, 1)
							+ " cannot be changed; cancel it and place a new order",
					new ErrorLocation("OBR", obr.sequence(), 4, 1));
		}
		String priority = priorityCode(request);
		String reason = obr == null ? "" : reason(obr);
		return orders.change(order.id(), new ImagingOrderChange(start(request),
				priority.isEmpty() ? null : priority(request), reason.isEmpty() ? null : reason), null);
	}

	private ImagingOrder cancel(Segments.Segment orc, ImagingOrder order, String placer, String control) {
		String why = orc.component(16, 2).isEmpty() ? orc.component(16, 1) : orc.component(16, 2);
		return orders.cancel(order.id(), (control.equals("CA") ? "Cancelled by " : "Discontinued by ") + placer
				+ (why.isEmpty() ? "" : ": " + why), null);
	}

	/** The order ORC-2 names, of this placer and patient. */
	private ImagingOrder existing(Segments.Segment orc, String placer, String number, PatientId patient) {
		Optional<ImagingOrder> order = orders.findByPlacer(placer, number);
		if (order.isEmpty() || !order.get().patient().equals(patient)) {
			throw new Hl7ApplicationException(Hl7ErrorCode.UNKNOWN_KEY_IDENTIFIER,
					"ORC-2: no order " + number + " of " + placer + " for this patient",
					new ErrorLocation("ORC", orc.sequence(), 2, 1));
		}
		return order.get();
	}

	private static String reason(Segments.Segment obr) {
		return first(obr.component(31, 2), obr.component(31, 1), obr.component(13, 1));
	}

	private static String priorityCode(Request request) {
		Segments.Segment tq1 = request.tq1();
		Segments.Segment obr = request.obr();
		return first(tq1 == null ? "" : tq1.component(9, 1), request.orc().component(7, 6),
				obr == null ? "" : obr.component(27, 6));
	}

	private static ImagingPriority priority(Request request) {
		try {
			return ImagingPriority.ofHl7Code(priorityCode(request));
		}
		catch (InvalidInputException ex) {
			Segments.Segment tq1 = request.tq1();
			throw new Hl7ApplicationException(Hl7ErrorCode.TABLE_VALUE_NOT_FOUND, ex.getMessage(),
					tq1 != null ? new ErrorLocation("TQ1", tq1.sequence(), 9, 1)
							: new ErrorLocation("ORC", request.orc().sequence(), 7, 6));
		}
	}

	/** ORC-12 as "ID FAMILY GIVEN", what the placer named, at most 64 characters. */
	private static String orderer(Segments.Segment orc) {
		String text = String.join(" ", List.of(orc.component(12, 1), orc.component(12, 2), orc.component(12, 3)))
			.strip()
			.replaceAll("\\s+", " ");
		if (text.isEmpty()) {
			return "unknown orderer";
		}
		return text.length() > 64 ? text.substring(0, 64) : text;
	}

	/** TQ1-7, ORC-7.4 or OBR-27.4 (Brussels time); null when none is given. */
	private static @Nullable Instant start(Request request) {
		Segments.Segment tq1 = request.tq1();
		Segments.Segment obr = request.obr();
		String when = first(tq1 == null ? "" : tq1.component(7, 1), request.orc().component(7, 4),
				obr == null ? "" : obr.component(27, 4));
		if (when.isEmpty()) {
			return null;
		}
		String digits = when.replaceAll("[+-]\\d{4}$", "").replaceAll("\\..*$", "");
		if (digits.length() == 8) {
			digits = digits + "0000";
		}
		try {
			return LocalDateTime.parse(digits.length() > 14 ? digits.substring(0, 14) : digits, DTM)
				.atZone(ZONE)
				.toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new Hl7ApplicationException(Hl7ErrorCode.DATA_TYPE_ERROR,
					"The requested start time " + when + " is not an HL7 date/time (DTM)",
					tq1 != null ? new ErrorLocation("TQ1", tq1.sequence(), 7, 1)
							: new ErrorLocation("ORC", request.orc().sequence(), 7, 4));
		}
	}

	private static String first(String... values) {
		for (String value : values) {
			if (!value.isEmpty()) {
				return value;
			}
		}
		return "";
	}

}
