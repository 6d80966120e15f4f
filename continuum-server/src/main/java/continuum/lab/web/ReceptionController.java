package continuum.lab.web;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import continuum.lab.LabOrder;
import continuum.lab.LabOrderService;
import continuum.lab.Specimen;
import continuum.lab.SpecimenCondition;
import continuum.lab.SpecimenService;
import continuum.lab.SpecimenStatus;
import continuum.patients.PatientId;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
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
 * {@code /lab/reception}: the laboratory's reception desk. The barcode scanner types the
 * accession number and Enter; the page shows the specimen, which is received as
 * acceptable or rejected with its condition and a reason; a rejection shows the
 * recollection specimen asked for in its place, with its label. Laboratory roles only.
 */
@Controller
class ReceptionController {

	/** A specimen as the desk shows it, with its order and tests. */
	record Shown(Specimen specimen, LabOrder order, List<String> tests) {
	}

	private final SpecimenService specimens;

	private final LabOrderService orders;

	private final LabPages pages;

	ReceptionController(SpecimenService specimens, LabOrderService orders, LabPages pages) {
		this.specimens = specimens;
		this.orders = orders;
		this.pages = pages;
	}

	@GetMapping("/lab/reception")
	String reception(@RequestParam(required = false) @Nullable String accession, Model model,
			HttpServletResponse response) {
		pages.requireLab("reception");
		String scanned = accession == null ? null : accession.strip();
		if (scanned != null && !scanned.isEmpty()) {
			try {
				model.addAttribute("shown", shown(scanned));
			}
			catch (NotFoundException ex) {
				response.setStatus(HttpStatus.NOT_FOUND.value());
				model.addAttribute("error", ex.getMessage());
			}
		}
		if (model.getAttribute("recollection") instanceof String recollection) {
			model.addAttribute("recollectionShown", shown(recollection));
		}
		return page(scanned, model);
	}

	@PostMapping("/lab/reception/{accession}")
	String receive(@PathVariable String accession, @RequestParam(defaultValue = "ACCEPTABLE") String condition,
			@RequestParam(required = false) @Nullable String reason, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		pages.requireLab("reception");
		try {
			SpecimenCondition found = Arrays.stream(SpecimenCondition.values())
				.filter(c -> c.name().equals(condition))
				.findFirst()
				.orElseThrow(() -> new InvalidInputException("Unknown specimen condition " + condition));
			Specimen after = specimens.receive(accession, found, reason);
			if (found == SpecimenCondition.ACCEPTABLE) {
				redirect.addFlashAttribute("notice",
						"Specimen " + accession + " received; it is on the benches' " + "work lists.");
			}
			else {
				redirect.addFlashAttribute("notice", "Specimen " + accession + " rejected (" + found.label()
						+ "); recollection " + after.accession() + " asked for.");
				redirect.addFlashAttribute("recollection", after.accession());
			}
			return "redirect:/lab/reception";
		}
		catch (ConflictException | InvalidInputException ex) {
			model.addAttribute("error", LabPages.refusal(ex, response));
			model.addAttribute("shown", shown(accession));
			return page(accession, model);
		}
	}

	private Shown shown(String accession) {
		Specimen specimen = specimens.get(accession);
		LabOrder order = orders.get(specimen.order());
		return new Shown(specimen, order, LabPages.testsOf(order, specimen));
	}

	private String page(@Nullable String scanned, Model model) {
		Shown shown = (Shown) model.getAttribute("shown");
		Shown recollection = (Shown) model.getAttribute("recollectionShown");
		List<Map.Entry<LabOrder, Specimen>> coming = orders.awaiting(List.of(SpecimenStatus.COLLECTED), 50)
			.stream()
			.flatMap(o -> o.specimens()
				.stream()
				.filter(s -> s.status() == SpecimenStatus.COLLECTED)
				.map(s -> Map.entry(o, s)))
			.toList();
		Set<PatientId> ids = new LinkedHashSet<>();
		coming.forEach(e -> ids.add(e.getKey().patient()));
		if (shown != null) {
			ids.add(shown.order().patient());
		}
		if (recollection != null) {
			ids.add(recollection.order().patient());
		}
		model.addAttribute("scanned", scanned);
		model.addAttribute("coming", coming);
		model.addAttribute("patients", pages.patients(ids));
		model.addAttribute("conditions",
				Arrays.stream(SpecimenCondition.values()).filter(c -> c != SpecimenCondition.ACCEPTABLE).toList());
		model.addAttribute("zone", LabPages.ZONE);
		return "lab/reception";
	}

}
