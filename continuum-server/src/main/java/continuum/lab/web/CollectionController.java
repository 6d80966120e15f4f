package continuum.lab.web;

import java.util.List;

import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.Specimen;
import continuum.lab.SpecimenService;
import continuum.lab.SpecimenStatus;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
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
 * {@code /lab/collection}: the collection round, every specimen still to be drawn, most
 * urgent order first, with its label and a "Collected" button; the button is also on the
 * order page, where it returns to.
 */
@Controller
class CollectionController {

	/** One line of the round: a specimen to draw and its order. */
	record Line(LabOrder order, Specimen specimen, List<String> tests) {
	}

	private final LabOrderService orders;

	private final SpecimenService specimens;

	private final LabPages pages;

	CollectionController(LabOrderService orders, SpecimenService specimens, LabPages pages) {
		this.orders = orders;
		this.specimens = specimens;
		this.pages = pages;
	}

	@GetMapping("/lab/collection")
	String collection(Model model) {
		return page(null, model);
	}

	@PostMapping("/lab/specimens/{accession}/collected")
	String collected(@PathVariable String accession, @RequestParam(defaultValue = "collection") String back,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		Specimen specimen;
		try {
			specimen = specimens.collect(accession, null);
		}
		catch (ConflictException | InvalidInputException ex) {
			String error = LabPages.refusal(ex, response);
			if (back.equals("order")) {
				redirect.addFlashAttribute("error", error);
				return "redirect:/lab/orders/" + specimens.get(accession).order();
			}
			return page(error, model);
		}
		redirect.addFlashAttribute("notice", "Specimen " + accession + " collected.");
		return back.equals("order") ? "redirect:/lab/orders/" + specimen.order() : "redirect:/lab/collection";
	}

	private String page(@Nullable String error, Model model) {
		pages.requireCollector("collection");
		List<Line> lines = orders.awaiting(List.of(SpecimenStatus.ORDERED), 200)
			.stream()
			.flatMap(order -> order.specimens()
				.stream()
				.filter(s -> s.status() == SpecimenStatus.ORDERED)
				.map(s -> new Line(order, s, LabPages.testsOf(order, s))))
			.toList();
		model.addAttribute("lines", lines);
		model.addAttribute("patients",
				pages.patients(lines.stream().map(l -> l.order().patient()).distinct().toList()));
		model.addAttribute("zone", LabPages.ZONE);
		model.addAttribute("error", error);
		return "lab/collection";
	}

}
