package continuum.lab.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.lab.LabItemId;
import continuum.lab.LabOrder;
import continuum.lab.LabOrderId;
import continuum.lab.LabOrderService;
import continuum.lab.LabResult;
import continuum.lab.OrderStatus;
import continuum.lab.ResultId;
import continuum.lab.ResultService;
import continuum.lab.Specimen;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.security.Interaction;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /lab/orders/{id}}: one requisition: its items with placer and filler numbers,
 * its specimens (with label and collection for who may draw them), the results so far
 * (released ones only outside the laboratory), cancellation for who may change orders,
 * and correction of a released result, with its history, for the clinical biologist. A
 * refused change comes back as a message on this page.
 */
@Controller
class OrderController {

	private final LabOrderService orders;

	private final ResultService results;

	private final LabPages pages;

	OrderController(LabOrderService orders, ResultService results, LabPages pages) {
		this.orders = orders;
		this.results = results;
		this.pages = pages;
	}

	@GetMapping("/lab/orders/{id}")
	String order(@PathVariable String id, Model model) {
		return page(orders.get(LabOrderId.of(id)), null, model);
	}

	@PostMapping("/lab/orders/{id}/cancel")
	String cancel(@PathVariable String id, @RequestParam(name = "item", required = false) @Nullable List<String> items,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable Integer version, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		LabOrderId orderId = LabOrderId.of(id);
		try {
			List<LabItemId> chosen = items == null ? List.of() : items.stream().map(LabItemId::of).toList();
			LabOrder order = orders.cancel(orderId, chosen, reason == null ? "" : reason, version);
			redirect.addFlashAttribute("notice", "Cancelled. The order is now " + order.status().fhirCode() + ".");
			return "redirect:/lab/orders/" + orderId;
		}
		catch (ConflictException | InvalidInputException ex) {
			return refused(orders.get(orderId), ex, model, response);
		}
	}

	@PostMapping("/lab/results/{id}/correct")
	String correct(@PathVariable String id, @RequestParam(defaultValue = "") String value,
			@RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		ResultId resultId = ResultId.of(id);
		LabOrder order = orders.orderOfItem(results.get(resultId).item());
		try {
			LabResult corrected = results.correct(resultId, value, reason);
			redirect.addFlashAttribute("notice",
					corrected.test().shortName() + " corrected to " + corrected.value().display() + " and released.");
			return "redirect:/lab/orders/" + order.id();
		}
		catch (ConflictException | InvalidInputException ex) {
			return refused(order, ex, model, response);
		}
	}

	private String refused(LabOrder order, RuntimeException ex, Model model, HttpServletResponse response) {
		return page(order, LabPages.refusal(ex, response), model);
	}

	private String page(LabOrder order, @Nullable String error, Model model) {
		List<LabResult> shown = pages.allows("Observation", Interaction.SEARCH)
				? results.ofItems(order.items().stream().map(LabOrder.Item::id).toList()) : List.of();
		Map<ResultId, List<ResultService.Version>> history = new LinkedHashMap<>();
		shown.stream().filter(LabResult::corrected).forEach(r -> history.put(r.id(), results.history(r.id())));
		Map<String, List<String>> tests = new LinkedHashMap<>();
		for (Specimen specimen : order.specimens()) {
			tests.put(specimen.accession(), LabPages.testsOf(order, specimen));
		}
		model.addAttribute("order", order);
		model.addAttribute("patient", pages.patient(order.patient()));
		model.addAttribute("results", shown);
		model.addAttribute("history", history);
		model.addAttribute("specimenTests", tests);
		model.addAttribute("inLab", pages.inLab());
		model.addAttribute("mayCancel", pages.allows("ServiceRequest", Interaction.UPDATE)
				&& order.items().stream().anyMatch(i -> i.status() == OrderStatus.ACTIVE));
		model.addAttribute("mayCollect", pages.collects());
		model.addAttribute("mayCorrect", pages.releases());
		model.addAttribute("zone", LabPages.ZONE);
		if (error != null || !model.containsAttribute("error")) {
			// A refusal on another page (collection) comes here as a flash attribute.
			model.addAttribute("error", error);
		}
		return "lab/order";
	}

}
