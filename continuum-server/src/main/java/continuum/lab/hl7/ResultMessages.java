package continuum.lab.hl7;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_PATIENT_RESULT;
import ca.uhn.hl7v2.model.v251.group.OUL_R22_ORDER;
import ca.uhn.hl7v2.model.v251.group.OUL_R22_SPECIMEN;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.message.OUL_R22;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.util.Terser;
import continuum.hl7.ErrorLocation;
import continuum.hl7.Hl7ApplicationException;
import continuum.hl7.Hl7ErrorCode;
import continuum.hl7.InboundHandler;
import continuum.hl7.InboundMessage;
import continuum.lab.LabCatalogue;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.LabTest;
import continuum.lab.OrderStatus;
import continuum.lab.ResultReport;
import continuum.lab.ResultService;
import continuum.lab.ResultStatus;
import continuum.lab.ResultValue;
import continuum.lab.Specimen;
import continuum.lab.SpecimenStatus;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Results in: ORU^R01 (IHE LAB-3, order-oriented) and OUL^R22 (LAB-29,
 * specimen-oriented). Each OBX is matched to its order item by the placer number (OBR-2,
 * or the filler number in OBR-3) and to its specimen by the accession number (SPM-2),
 * never by name; the message's patient (PID-3, the MRN) must be the order's. A message is
 * taken whole or not at all: the first problem is answered AE with its place (ERR-2) and
 * the message stays in quarantine.
 */
@Component
class ResultMessages implements InboundHandler {

	private final LabOrderService orders;

	private final ResultService results;

	private final LabCatalogue catalogue;

	private final PatientService patients;

	ResultMessages(LabOrderService orders, ResultService results, LabCatalogue catalogue, PatientService patients) {
		this.orders = orders;
		this.results = results;
		this.catalogue = catalogue;
		this.patients = patients;
	}

	@Override
	public Set<String> messageTypes() {
		return Set.of("ORU^R01", "OUL^R22");
	}

	/** One OBR's results: where it is in the message, its numbers and its OBX. */
	private record Request(Segment pid, Segment obr, int obrIndex, @Nullable Segment spm, List<OBX> observations) {
	}

	@Override
	public @Nullable Message handle(InboundMessage message) {
		String analyzer = field(msh(message), 3, 1);
		List<Request> requests;
		try {
			requests = requests(message.parsed());
		}
		catch (HL7Exception ex) {
			throw new Hl7ApplicationException(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR,
					"The segments are not in the order of the message structure", null);
		}
		List<ResultReport> reports = new ArrayList<>();
		String patientId = null;
		int obxIndex = 0;
		for (Request request : requests) {
			LabOrder order = order(request);
			patientId = order.patient().asString();
			message.reportPatient(patientId);
			checkPatient(request, order);
			Specimen specimen = specimen(request, order);
			for (OBX obx : request.observations()) {
				obxIndex++;
				reports.add(report(obx, obxIndex, order, specimen, request, analyzer == null ? "UNKNOWN" : analyzer));
			}
		}
		if (reports.isEmpty()) {
			throw new Hl7ApplicationException(Hl7ErrorCode.REQUIRED_FIELD_MISSING, "The message carries no OBX result",
					new ErrorLocation("OBX", 1, 0, 0));
		}
		try {
			results.record(reports);
		}
		catch (ConflictException | InvalidInputException | NotFoundException ex) {
			Hl7ApplicationException error = new Hl7ApplicationException(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR,
					ex.getMessage(), null);
			throw patientId == null ? error : error.withPatient(patientId);
		}
		return null;
	}

	private static Segment msh(InboundMessage message) {
		try {
			return (Segment) message.parsed().get("MSH");
		}
		catch (HL7Exception ex) {
			throw new Hl7ApplicationException(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR, "No MSH segment", null);
		}
	}

	private static List<Request> requests(Message parsed) throws HL7Exception {
		List<Request> requests = new ArrayList<>();
		int obrIndex = 0;
		if (parsed instanceof ORU_R01 oru) {
			for (ORU_R01_PATIENT_RESULT result : oru.getPATIENT_RESULTAll()) {
				for (ORU_R01_ORDER_OBSERVATION group : result.getORDER_OBSERVATIONAll()) {
					obrIndex++;
					Segment spm = group.getSPECIMENReps() > 0 ? group.getSPECIMEN(0).getSPM() : null;
					requests.add(new Request(result.getPATIENT().getPID(), group.getOBR(), obrIndex, spm,
							group.getOBSERVATIONAll().stream().map(o -> o.getOBX()).toList()));
				}
			}
		}
		else if (parsed instanceof OUL_R22 oul) {
			PID pid = oul.getPATIENT().getPID();
			for (OUL_R22_SPECIMEN specimen : all(oul)) {
				for (OUL_R22_ORDER group : specimen.getORDERAll()) {
					obrIndex++;
					requests.add(new Request(pid, group.getOBR(), obrIndex, specimen.getSPM(),
							group.getRESULTAll().stream().map(r -> r.getOBX()).toList()));
				}
			}
		}
		else {
			throw Hl7ApplicationException.reject(Hl7ErrorCode.UNSUPPORTED_MESSAGE_TYPE,
					"Expected ORU^R01 or OUL^R22 in the v2.5.1 structure", new ErrorLocation("MSH", 1, 9, 0));
		}
		return requests;
	}

	private static List<OUL_R22_SPECIMEN> all(OUL_R22 oul) throws HL7Exception {
		return oul.getSPECIMENAll();
	}

	private LabOrder order(Request request) {
		String placer = field(request.obr(), 2, 1);
		String filler = field(request.obr(), 3, 1);
		Optional<LabOrder> order = placer == null ? Optional.empty() : orders.findByPlacerNumber(placer);
		if (order.isEmpty() && filler != null) {
			order = orders.findByPlacerNumber(filler);
		}
		return order.orElseThrow(() -> new Hl7ApplicationException(Hl7ErrorCode.UNKNOWN_KEY_IDENTIFIER,
				placer == null ? "OBR-2 (placer order number) is empty" : "Unknown placer order number " + placer,
				new ErrorLocation("OBR", request.obrIndex(), 2, 1)));
	}

	private void checkPatient(Request request, LabOrder order) {
		PatientSummary patient = patients.summaries(List.of(order.patient())).get(order.patient());
		List<String> identifiers = new ArrayList<>();
		for (int rep = 0; rep < 10; rep++) {
			String id = get(request.pid(), 3, rep, 1);
			if (id == null) {
				break;
			}
			String type = get(request.pid(), 3, rep, 5);
			if (type == null || "MR".equals(type)) {
				identifiers.add(id);
			}
		}
		if (identifiers.isEmpty()) {
			throw new Hl7ApplicationException(Hl7ErrorCode.REQUIRED_FIELD_MISSING,
					"PID-3 carries no medical record number", new ErrorLocation("PID", 1, 3, 1))
				.withPatient(order.patient().asString());
		}
		if (patient == null || !identifiers.contains(patient.mrn())) {
			throw new Hl7ApplicationException(Hl7ErrorCode.UNKNOWN_KEY_IDENTIFIER,
					"PID-3 does not name the patient of order " + field(request.obr(), 2, 1),
					new ErrorLocation("PID", 1, 3, 1))
				.withPatient(order.patient().asString());
		}
	}

	private Specimen specimen(Request request, LabOrder order) {
		String accession = request.spm() == null ? null : field(request.spm(), 2, 1);
		if (accession == null) {
			// No SPM: the item's received specimen, when it has exactly one.
			List<Specimen> received = order.specimens()
				.stream()
				.filter(s -> s.status() == SpecimenStatus.RECEIVED)
				.filter(s -> s.items().stream().anyMatch(i -> i.equals(itemOf(order, request).id())))
				.toList();
			if (received.size() == 1) {
				return received.get(0);
			}
			throw new Hl7ApplicationException(Hl7ErrorCode.REQUIRED_FIELD_MISSING,
					"SPM-2 (specimen id) is needed to tell the specimen of order " + field(request.obr(), 2, 1),
					new ErrorLocation("SPM", request.obrIndex(), 2, 1))
				.withPatient(order.patient().asString());
		}
		return order.specimens()
			.stream()
			.filter(s -> s.accession().equals(accession))
			.findFirst()
			.orElseThrow(() -> new Hl7ApplicationException(Hl7ErrorCode.UNKNOWN_KEY_IDENTIFIER,
					"Specimen " + accession + " is not one of order " + field(request.obr(), 2, 1),
					new ErrorLocation("SPM", request.obrIndex(), 2, 1))
				.withPatient(order.patient().asString()));
	}

	private static LabOrder.Item itemOf(LabOrder order, Request request) {
		String placer = field(request.obr(), 2, 1);
		String filler = field(request.obr(), 3, 1);
		return order.items()
			.stream()
			.filter(i -> i.placerNumber().equals(placer) || i.placerNumber().equals(filler))
			.findFirst()
			.orElseThrow();
	}

	private ResultReport report(OBX obx, int index, LabOrder order, Specimen specimen, Request request,
			String analyzer) {
		String patient = order.patient().asString();
		LabOrder.Item item = itemOf(order, request);
		if (item.status() == OrderStatus.REVOKED) {
			throw new Hl7ApplicationException(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR,
					"Order " + item.placerNumber() + " was cancelled; its results are not taken",
					new ErrorLocation("OBR", request.obrIndex(), 2, 1))
				.withPatient(patient);
		}
		String code = field(obx, 3, 1);
		LabTest test = code == null ? null : catalogue.test(code).orElse(null);
		if (test == null || item.orderable().tests().stream().noneMatch(t -> t.code().equals(code))) {
			throw new Hl7ApplicationException(Hl7ErrorCode.TABLE_VALUE_NOT_FOUND,
					code == null ? "OBX-3 is empty"
							: "Test " + code
									+ (test == null ? " is not in the catalogue"
											: " was not ordered under " + item.placerNumber()),
					new ErrorLocation("OBX", index, 3, 1))
				.withPatient(patient);
		}
		String valueType = field(obx, 2, 1);
		String value = value(obx, valueType);
		if (value == null) {
			throw new Hl7ApplicationException(Hl7ErrorCode.REQUIRED_FIELD_MISSING, "OBX-5 (the value) is empty",
					new ErrorLocation("OBX", index, 5, 1))
				.withPatient(patient);
		}
		try {
			ResultValue.parse(value, test.numeric());
		}
		catch (InvalidInputException ex) {
			throw new Hl7ApplicationException(Hl7ErrorCode.DATA_TYPE_ERROR,
					"OBX-5 of test " + code + " is not a number", new ErrorLocation("OBX", index, 5, 1))
				.withPatient(patient);
		}
		String unit = field(obx, 6, 1);
		if (unit != null && test.unit() != null && !unit.equals(test.unit())) {
			throw new Hl7ApplicationException(Hl7ErrorCode.TABLE_VALUE_NOT_FOUND,
					"Test " + code + " is reported in " + test.unit() + ", not " + unit,
					new ErrorLocation("OBX", index, 6, 1))
				.withPatient(patient);
		}
		ResultStatus status;
		try {
			String code11 = field(obx, 11, 1);
			status = ResultStatus.ofHl7(code11 == null ? "F" : code11);
		}
		catch (InvalidInputException ex) {
			throw new Hl7ApplicationException(Hl7ErrorCode.TABLE_VALUE_NOT_FOUND,
					"OBX-11 is not one of P, F, C (table 0085)", new ErrorLocation("OBX", index, 11, 1))
				.withPatient(patient);
		}
		if (specimen.status() != SpecimenStatus.RECEIVED) {
			throw new Hl7ApplicationException(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR,
					"Specimen " + specimen.accession() + " is " + specimen.status().name().toLowerCase()
							+ "; results are taken for received specimens only",
					new ErrorLocation("SPM", request.obrIndex(), 2, 1))
				.withPatient(patient);
		}
		String method = field(obx, 17, 2) != null ? field(obx, 17, 2) : field(obx, 17, 1);
		String equipment = field(obx, 18, 1);
		return new ResultReport(specimen.accession(), item.placerNumber(), code, value, unit, status, observedAt(obx),
				method, equipment != null ? analyzer + "/" + equipment : analyzer);
	}

	/**
	 * OBX-5 as text: an SN's comparator and number joined, anything else its first
	 * component.
	 */
	private static @Nullable String value(OBX obx, @Nullable String valueType) {
		if ("SN".equals(valueType)) {
			String comparator = get(obx, 5, 0, 1);
			String number = get(obx, 5, 0, 2);
			return number == null ? null : (comparator == null ? "" : comparator) + number;
		}
		return get(obx, 5, 0, 1);
	}

	private static Instant observedAt(OBX obx) {
		try {
			var time = obx.getDateTimeOfTheObservation().getTime();
			if (time.getValue() != null && !time.getValue().isBlank()) {
				return time.getValueAsDate().toInstant();
			}
		}
		catch (HL7Exception | RuntimeException ex) {
			// fall through: the time of receipt stands in for a missing or broken OBX-14
		}
		return Instant.now();
	}

	private static @Nullable String field(Segment segment, int field, int component) {
		return get(segment, field, 0, component);
	}

	private static @Nullable String get(Segment segment, int field, int rep, int component) {
		try {
			String value = Terser.get(segment, field, rep, component, 1);
			return value == null || value.isBlank() ? null : value.strip();
		}
		catch (HL7Exception ex) {
			return null;
		}
	}

}
