package continuum.lab.web;

import java.util.List;

import continuum.lab.LabCatalogue;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.NewLabOrder;
import continuum.lab.Priority;
import continuum.patients.PatientId;
import continuum.platform.InvalidInputException;
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
 * {@code /patients/{id}/lab/orders/new}: a clinician orders laboratory tests from the
 * chart: orderables from the catalogue (with the tests each contains), priority and a
 * note for the laboratory. A refused order comes back as a message on the same form, with
 * what was chosen.
 */
@Controller
class OrderEntryController {

	private final LabOrderService orders;

	private final LabCatalogue catalogue;

	private final LabPages pages;

	OrderEntryController(LabOrderService orders, LabCatalogue catalogue, LabPages pages) {
		this.orders = orders;
		this.catalogue = catalogue;
		this.pages = pages;
	}

	@GetMapping("/patients/{id:\\d+}/lab/orders/new")
	String form(@PathVariable String id, Model model) {
		PatientId patient = PatientId.of(id);
		pages.require("ServiceRequest", Interaction.CREATE, patient);
		return form(patient, List.of(), Priority.ROUTINE.fhirCode(), null, null, model);
	}

	@PostMapping("/patients/{id:\\d+}/lab/orders")
	String place(@PathVariable String id,
			@RequestParam(name = "orderable", required = false) @Nullable List<String> chosen,
			@RequestParam(defaultValue = "routine") String priority,
			@RequestParam(required = false) @Nullable String note, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PatientId patient = PatientId.of(id);
		List<String> codes = chosen == null ? List.of() : chosen;
		try {
			LabOrder order = orders.place(new NewLabOrder(patient, codes, Priority.ofFhirCode(priority), note));
			redirect.addFlashAttribute("notice",
					"Order " + order.placerNumber() + " placed with " + order.specimens().size()
							+ (order.specimens().size() == 1 ? " specimen" : " specimens")
							+ " to collect; print the labels.");
			return "redirect:/lab/orders/" + order.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return form(patient, codes, priority, note, ex.getMessage(), model);
		}
	}

	private String form(PatientId patient, List<String> chosen, String priority, @Nullable String note,
			@Nullable String error, Model model) {
		model.addAttribute("patient", pages.patient(patient));
		model.addAttribute("orderables", catalogue.orderables());
		model.addAttribute("priorities", Priority.values());
		model.addAttribute("chosen", chosen);
		model.addAttribute("priority", priority);
		model.addAttribute("note", note);
		model.addAttribute("error", error);
		return "lab/orderForm";
	}

}
