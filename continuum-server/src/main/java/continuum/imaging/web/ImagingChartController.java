package continuum.imaging.web;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import continuum.imaging.ImagingCatalogue;
import continuum.imaging.ImagingOrder;
import continuum.imaging.ImagingOrderChange;
import continuum.imaging.ImagingOrderId;
import continuum.imaging.ImagingOrderStatus;
import continuum.imaging.ImagingOrderService;
import continuum.imaging.ImagingPriority;
import continuum.imaging.NewImagingOrder;
import continuum.imaging.StepStatus;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Imaging in the chart: the chart's section (the patient's orders with each procedure's
 * accession number, time, modality, status, report and images, and the studies held
 * without an order, loaded into the chart by htmx; see {@link ReportChartPart}), the
 * order form ({@code /patients/{id}/imaging/orders/new}: a procedure of the catalogue,
 * priority, reason and optionally the time wished for, else the first free time), and an
 * order's page with its change (time, priority, reason, while no step has begun) and its
 * cancellation. A refused order, change or cancellation comes back as a message on the
 * same page (409 or 422). Reads and writes go through {@link ImagingOrderService}, which
 * checks the role and audits.
 */
@Controller
class ImagingChartController {

	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	private final ImagingOrderService orders;

	private final ImagingCatalogue catalogue;

	private final PatientService patients;

	private final AccessControl access;

	private final ReportChartPart reports;

	ImagingChartController(ImagingOrderService orders, ImagingCatalogue catalogue, PatientService patients,
			AccessControl access, ReportChartPart reports) {
		this.orders = orders;
		this.catalogue = catalogue;
		this.patients = patients;
		this.access = access;
		this.reports = reports;
	}

	@GetMapping("/patients/{id:\\d+}/imaging/summary")
	String summary(@PathVariable String id, Model model) {
		PatientId patient = PatientId.of(id);
		model.addAttribute("orders", orders.forPatient(patient, 50));
		model.addAttribute("patientId", patient.asString());
		model.addAttribute("mayOrder", access.allows("ServiceRequest", Interaction.CREATE));
		model.addAttribute("zone", ZONE);
		reports.addTo(patient, model);
		return "imaging/chartSummary :: summary";
	}

	@GetMapping("/patients/{id:\\d+}/imaging/orders/new")
	String form(@PathVariable String id, Model model) {
		PatientId patient = PatientId.of(id);
		access.require("ServiceRequest", Interaction.CREATE, null, patient.asString());
		return form(patient, null, "routine", null, null, null, model);
	}

	@PostMapping("/patients/{id:\\d+}/imaging/orders")
	String place(@PathVariable String id, @RequestParam(required = false) @Nullable String procedure,
			@RequestParam(defaultValue = "routine") String priority,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String start, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PatientId patient = PatientId.of(id);
		try {
			if (procedure == null || procedure.isBlank()) {
				throw new InvalidInputException("Choose a procedure");
			}
			ImagingOrder order = orders
				.place(NewImagingOrder.fromChart(patient, List.of(new NewImagingOrder.Wish(procedure, start(start))),
						ImagingPriority.ofFhirCode(priority), reason));
			redirect.addFlashAttribute("notice", "Order " + order.placerNumber() + " placed, accession "
					+ order.procedures().get(0).accessionNumber() + ".");
			return "redirect:/imaging/orders/" + order.id();
		}
		catch (InvalidInputException | ConflictException ex) {
			response.setStatus(ex instanceof ConflictException ? HttpStatus.CONFLICT.value()
					: HttpStatus.UNPROCESSABLE_CONTENT.value());
			return form(patient, procedure, priority, reason, start, ex.getMessage(), model);
		}
	}

	@GetMapping("/imaging/orders/{id:\\d+}")
	String order(@PathVariable String id, Model model) {
		ImagingOrder order = orders.get(ImagingOrderId.of(id));
		return orderPage(order, null, model);
	}

	@PostMapping("/imaging/orders/{id:\\d+}/cancel")
	String cancel(@PathVariable String id, @RequestParam(required = false) @Nullable String reason, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		ImagingOrderId orderId = ImagingOrderId.of(id);
		try {
			orders.cancel(orderId, reason == null ? "" : reason, null);
			redirect.addFlashAttribute("notice", "Order cancelled.");
			return "redirect:/imaging/orders/" + orderId;
		}
		catch (InvalidInputException | ConflictException ex) {
			response.setStatus(ex instanceof ConflictException ? HttpStatus.CONFLICT.value()
					: HttpStatus.UNPROCESSABLE_CONTENT.value());
			return orderPage(orders.get(orderId), ex.getMessage(), model);
		}
	}

	@PostMapping("/imaging/orders/{id:\\d+}/change")
	String change(@PathVariable String id, @RequestParam(required = false) @Nullable String start,
			@RequestParam(required = false) @Nullable String priority,
			@RequestParam(required = false) @Nullable String reason, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		ImagingOrderId orderId = ImagingOrderId.of(id);
		try {
			orders.change(orderId, new ImagingOrderChange(start(start),
					priority == null || priority.isBlank() ? null : ImagingPriority.ofFhirCode(priority), reason),
					null);
			redirect.addFlashAttribute("notice", "Order changed.");
			return "redirect:/imaging/orders/" + orderId;
		}
		catch (InvalidInputException | ConflictException ex) {
			response.setStatus(ex instanceof ConflictException ? HttpStatus.CONFLICT.value()
					: HttpStatus.UNPROCESSABLE_CONTENT.value());
			return orderPage(orders.get(orderId), ex.getMessage(), model);
		}
	}

	private String orderPage(ImagingOrder order, @Nullable String error, Model model) {
		model.addAttribute("order", order);
		model.addAttribute("patient", patients.summary(order.patient()));
		model.addAttribute("mayCancel", access.allows("ServiceRequest", Interaction.UPDATE));
		model.addAttribute("changeable",
				order.status() == ImagingOrderStatus.ACTIVE && order.procedures()
					.stream()
					.allMatch(p -> p.steps().stream().allMatch(s -> s.status() == StepStatus.SCHEDULED)));
		model.addAttribute("priorities", ImagingPriority.values());
		model.addAttribute("changeStart",
				LocalDateTime.ofInstant(order.procedures().get(0).step().start(), ZONE)
					.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
					.toString());
		model.addAttribute("error", error);
		model.addAttribute("zone", ZONE);
		return "imaging/order";
	}

	private String form(PatientId patient, @Nullable String procedure, String priority, @Nullable String reason,
			@Nullable String start, @Nullable String error, Model model) {
		model.addAttribute("patient", patients.summary(patient));
		model.addAttribute("procedures", catalogue.procedures());
		model.addAttribute("priorities", ImagingPriority.values());
		model.addAttribute("procedure", procedure);
		model.addAttribute("priority", priority);
		model.addAttribute("reason", reason);
		model.addAttribute("start", start);
		model.addAttribute("error", error);
		return "imaging/orderForm";
	}

	/**
	 * The form's {@code datetime-local} value, Brussels time; empty for the first free
	 * time.
	 */
	private static java.time.@Nullable Instant start(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.strip()).atZone(ZONE).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("The time is not a date and time (yyyy-MM-ddTHH:mm)");
		}
	}

}
